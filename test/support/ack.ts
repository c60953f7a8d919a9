/** Reading the immunisation pipeline's acknowledgement files in tests. */

/** The MESSAGE_HEADER_ID of each BusAck row (`{id}^{row}`), the header line left out. */
export function busAckRowIds(busAck: string): string[] {
  return busAck
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split('|')[0]!);
}
