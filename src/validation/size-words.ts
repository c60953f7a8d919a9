/**
 * A size as a person reads it, one figure and its unit: "2 GiB", "97.7 KiB" (to one decimal where not
 * whole), "512 bytes". Every limit the service states (a 413, the upload form, a schema too large to
 * publish) says its size so, never a raw byte count beside it.
 */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, 'GiB'] : bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MiB'] : [bytes / 1024, 'KiB'];
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  // 1023.96 KiB would read "1024.0 KiB": the next unit up says it.
  return shown === '1024.0' && unit !== 'GiB' ? `1 ${unit === 'KiB' ? 'MiB' : 'GiB'}` : `${shown} ${unit}`;
}
