/** A one-line progress indicator on a terminal's stderr, for files large enough to wait for. */
import type { Writable } from 'node:stream';

const MIN_BYTES = 8 * 1024 * 1024;
const EVERY_MS = 250;

export interface Progress {
  update: (progress: { bytes: number; records: number }) => void;
  done: () => void;
}

export function progressReporter(stream: Writable & { isTTY?: boolean }, totalBytes: number | undefined): Progress {
  if (!stream.isTTY || (totalBytes !== undefined && totalBytes < MIN_BYTES)) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update: ({ bytes, records }) => {
      const now = Date.now();
      if (now - last < EVERY_MS) return;
      last = now;
      shown = true;
      // Compressed input decodes to more bytes than the file holds, so cap the percentage.
      const percent = totalBytes ? ` ${Math.min(99, Math.floor((bytes / totalBytes) * 100))}%` : '';
      stream.write(`\rvalidating…${percent}  ${records.toLocaleString('en-GB')} records`);
    },
    done: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
