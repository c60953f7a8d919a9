/**
 * A one-line progress indicator on a terminal's stderr, for files large enough to wait for. The
 * percentage is of the file's bytes read (for gzip, compressed bytes, the file's own size); with
 * --server the line shows the bytes sent, then what the service's report counted.
 */
import type { Writable } from 'node:stream';
import { countWords } from '../validation/count-words.js';
import { sizeWords } from '../validation/size-words.js';

const MIN_BYTES = 8 * 1024 * 1024;
const EVERY_MS = 250;

export interface Progress {
  /** Local validation: bytes of the file read so far and records validated. */
  update: (progress: { bytes: number; records: number }) => void;
  /** Remote validation: bytes sent so far. */
  sent: (bytes: number) => void;
  /** Clears the line; given the records the service's report counted, leaves a last line saying so. */
  done: (records?: number) => void;
}

// The longest a size in words is below 100,000 GiB ("1,023 bytes", "1023.9 MiB"): the figures sent are
// padded to it, so the line keeps its width as they grow (1023.9 KiB -> 1 MiB is shorter) and no
// characters of a longer line are left behind.
const SIZE_WIDTH = 11;
const sized = (bytes: number): string => sizeWords(bytes).padStart(SIZE_WIDTH);

export function progressReporter(stream: Writable & { isTTY?: boolean }, totalBytes: number | undefined): Progress {
  if (!stream.isTTY || (totalBytes !== undefined && totalBytes < MIN_BYTES)) return { update: () => {}, sent: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  let sentBytes = 0;
  const due = (): boolean => {
    const now = Date.now();
    if (now - last < EVERY_MS) return false;
    last = now;
    shown = true;
    return true;
  };
  // Reading runs a chunk ahead of validating, so the line stops at 99% until the report is ready.
  const percent = (bytes: number): string => (totalBytes ? ` ${String(Math.min(99, Math.floor((bytes / totalBytes) * 100))).padStart(2)}%` : '');
  return {
    update: ({ bytes, records }) => {
      if (due()) stream.write(`\rvalidating…${percent(bytes)}  ${countWords(records, 'record')}`);
    },
    sent: (bytes) => {
      sentBytes = bytes;
      if (due()) stream.write(`\rsending…${percent(bytes)}  ${sized(bytes)}${totalBytes ? ` of ${sizeWords(totalBytes)}` : ''}`);
    },
    done: (records) => {
      if (shown) stream.write('\r\x1b[K');
      if (shown && records !== undefined) stream.write(`sent ${sizeWords(sentBytes)}; the service validated ${countWords(records, 'record')}\n`);
    },
  };
}
