import { describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { progressReporter } from '../../src/cli/progress.js';

function terminal(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; written: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (d) => (text += d));
  return { stream, written: () => text };
}

describe('progress indicator', () => {
  it('shows percentage and records on a terminal for a large file, then clears its line', () => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
    const t = terminal(true);
    const progress = progressReporter(t.stream, 100 * 1024 * 1024);
    progress.update({ bytes: 25 * 1024 * 1024, records: 250_000 });
    vi.setSystemTime(10_100); // too soon: not redrawn
    progress.update({ bytes: 30 * 1024 * 1024, records: 300_000 });
    vi.setSystemTime(10_400);
    progress.update({ bytes: 50 * 1024 * 1024, records: 500_000 });
    progress.done();
    vi.useRealTimers();
    expect(t.written()).toBe('\rvalidating… 25%  250,000 records\rvalidating… 50%  500,000 records\r\x1b[K');
  });

  it('stays silent when not on a terminal, or for a small file', () => {
    for (const [tty, size] of [
      [false, 100 * 1024 * 1024],
      [true, 1024],
    ] as const) {
      const t = terminal(tty);
      const progress = progressReporter(t.stream, size);
      progress.update({ bytes: size, records: 10 });
      progress.done();
      expect(t.written()).toBe('');
    }
  });

  it('with --server shows the bytes sent, then the records the service counted', () => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
    const t = terminal(true);
    const progress = progressReporter(t.stream, 40 * 1024 * 1024);
    progress.sent(10 * 1024 * 1024);
    vi.setSystemTime(10_400);
    progress.sent(40 * 1024 * 1024);
    progress.done(123_456);
    vi.useRealTimers();
    expect(t.written()).toBe(
      '\rsending… 25%       10 MiB of 40 MiB\rsending… 99%       40 MiB of 40 MiB\r\x1b[Ksent 40 MiB; the service validated 123,456 records\n',
    );
  });

  it('keeps the sending line one width as its figures change unit and its share gains a digit', () => {
    vi.useFakeTimers();
    const t = terminal(true);
    const progress = progressReporter(t.stream, 100 * 1024 * 1024);
    const sent = [1_048_000, 1_048_576, 9 * 1024 * 1024 + 100_000, 100 * 1024 * 1024 - 1];
    for (const [index, bytes] of sent.entries()) {
      vi.setSystemTime(10_000 + index * 300);
      progress.sent(bytes);
    }
    vi.useRealTimers();
    const lines = t.written().split('\r').slice(1);
    expect(lines).toEqual([
      'sending…  0%   1023.4 KiB of 100 MiB',
      'sending…  1%        1 MiB of 100 MiB',
      'sending…  9%      9.1 MiB of 100 MiB',
      'sending… 99%    100.0 MiB of 100 MiB',
    ]);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('counts the percentage on the bytes read from the file, so gzip input (which decodes to more) moves steadily', () => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
    const t = terminal(true);
    const progress = progressReporter(t.stream, 20 * 1024 * 1024); // the compressed file's size
    for (const [ms, read] of [
      [10_000, 5],
      [10_300, 10],
      [10_600, 15],
    ] as const) {
      vi.setSystemTime(ms);
      progress.update({ bytes: read * 1024 * 1024, records: read * 10_000 });
    }
    progress.done();
    vi.useRealTimers();
    expect(t.written()).toBe('\rvalidating… 25%  50,000 records\rvalidating… 50%  100,000 records\rvalidating… 75%  150,000 records\r\x1b[K');
  });
});
