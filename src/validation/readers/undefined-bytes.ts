/**
 * The bytes of a `utf-8-or-windows-1252` file that Windows-1252 has no character for (0x81, 0x8D, 0x8F,
 * 0x90, 0x9D; fallback-decoder.ts), gathered into one file-level error. The national pipeline retries a file
 * that is not UTF-8 as Python's strict cp1252, which refuses these bytes, so a file holding one fails both of
 * its decodings: it cannot be processed as a whole, whichever row the byte is in. Conform answers it as a
 * file that fails (the InfAck's Failure, no BusAck: file-outcome.ts), naming the first byte, its record and
 * line, and how many there are; docs/immunisation-batch.md explains the choice. The watch keeps a few
 * numbers, whatever the size of the file, and never a byte of the text around them.
 */
import type { UndefinedBytes } from './csv-rows.js';
import { hexByte } from './fallback-decoder.js';
import { occurrences } from './text.js';

export const UNDEFINED_BYTE_RULE = 'encoding';

export class UndefinedByteWatch {
  /** The first such byte, its line, and the record it is in once that is known. */
  private first: { byte: number; line: number; record?: number } | undefined;
  private count = 0;

  /** Bytes found in one decoded piece of the file. */
  found(bytes: UndefinedBytes): void {
    this.first ??= { byte: bytes.byte, line: bytes.line };
    this.count += bytes.count;
  }

  /** Whether any was found. */
  get any(): boolean {
    return this.first !== undefined;
  }

  /**
   * Told of each data row as it is read, before it counts (`records` read before it): the record holding
   * the first byte is the last one that starts on or before its line.
   */
  row(line: number, records: number): void {
    const first = this.first;
    if (first !== undefined && first.record === undefined && line > first.line) first.record = records;
  }

  /** The header's refusal when the first byte is in it: the header row starts on `line` and holds `cells`. */
  headerMessage(line: number, cells: readonly string[]): string | undefined {
    const first = this.first;
    const last = line + cells.reduce((n, cell) => n + occurrences(cell, '\n'), 0);
    if (first === undefined || first.line < line || first.line > last) return undefined;
    return `the header row (line ${first.line}) holds the byte ${hexByte(first.byte)}, which Windows-1252 has no character for: ${CONSEQUENCE}`;
  }

  /** The file-level error, once the file has been read (`records` in all), or undefined when there was no such byte. */
  finding(records: number): { rule: string; message: string; line: number } | undefined {
    const first = this.first;
    if (first === undefined) return undefined;
    const record = first.record ?? records;
    const more = this.count - 1;
    const others = more === 0 ? '' : ` (and ${more} more such ${more === 1 ? 'byte' : 'bytes'} after it)`;
    return {
      rule: UNDEFINED_BYTE_RULE,
      line: first.line,
      message: `record ${record} (line ${first.line}) holds the byte ${hexByte(first.byte)}, which Windows-1252 has no character for${others}: ${CONSEQUENCE}`,
    };
  }
}

const CONSEQUENCE =
  'the national pipeline reads the file as UTF-8, then as Windows-1252 (cp1252), and both fail, so it cannot process the file; Conform reads the byte as U+FFFD. Save the whole file as UTF-8';
