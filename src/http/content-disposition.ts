/**
 * A file's name from a `Content-Disposition` header (RFC 6266), as curl, browsers and HTTP libraries send
 * it with a file: `attachment; filename="a.csv"`, or `filename*=UTF-8''%E2%80%A6.csv` (RFC 8187), which
 * wins over `filename` when both are given (RFC 6266 §4.3). A header that cannot be read, or that gives a
 * parameter twice, is refused naming the header; the name itself is never repeated in the refusal.
 */
import { DomainError } from '../services/errors.js';

const HEADER = 'Content-Disposition';

const refused = (why: string): DomainError => new DomainError('invalid-input', `the ${HEADER} header ${why}`, [{ in: 'header', name: HEADER, detail: why }]);

/** The header's parameters after its type (lower-cased names), in order. */
function parameters(header: string): [string, string][] {
  const found: [string, string][] = [];
  let at = header.indexOf(';');
  if (at === -1) return found;
  const text = header;
  at++;
  while (at < text.length) {
    while (text[at] === ' ' || text[at] === '\t' || text[at] === ';') at++;
    if (at >= text.length) break;
    const equals = text.indexOf('=', at);
    if (equals === -1) throw refused('has a parameter without a value (name=value)');
    const name = text.slice(at, equals).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) throw refused('has a parameter name that is not a token');
    at = equals + 1;
    while (text[at] === ' ' || text[at] === '\t') at++;
    let value = '';
    if (text[at] === '"') {
      at++;
      for (;;) {
        if (at >= text.length) throw refused('has a quoted value without its closing quote');
        const c = text[at]!;
        if (c === '"') break;
        // A backslash escapes a quote or a backslash; before anything else it is itself (a Windows path,
        // as some clients send it unescaped, whose folders the service then drops).
        if (c === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\')) at++;
        value += text[at];
        at++;
      }
      at++;
      while (text[at] === ' ' || text[at] === '\t') at++;
      if (at < text.length && text[at] !== ';') throw refused('has text after a quoted value (separate parameters with ;)');
    } else {
      const end = text.indexOf(';', at);
      value = text.slice(at, end === -1 ? text.length : end).trim();
      at = end === -1 ? text.length : end;
    }
    found.push([name, value]);
  }
  return found;
}

/** An RFC 8187 ext-value (`UTF-8'en'%E2%80%A6.csv`) decoded; UTF-8 and ISO-8859-1 are the charsets it may name. */
function extValue(value: string): string {
  const match = /^([!#$%&+^_`{}~0-9A-Za-z-]+)'[^']*'(.*)$/.exec(value);
  if (!match) throw refused("has a filename* that is not charset'language'value (such as UTF-8''name.csv)");
  const charset = match[1]!.toLowerCase();
  const encoded = match[2]!;
  if (!/^(?:%[0-9A-Fa-f]{2}|[!#$&+.^_`|~0-9A-Za-z-])*$/.test(encoded)) throw refused('has a filename* whose value is not percent-encoded');
  const bytes = Buffer.from(
    encoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  if (charset === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw refused('has a filename* that is not UTF-8, though it says so');
    }
  }
  if (charset === 'iso-8859-1') return bytes.toString('latin1');
  throw refused('has a filename* in a charset other than UTF-8 or ISO-8859-1');
}

/**
 * The file name a `Content-Disposition` header gives, or undefined when it gives none (no header, or one
 * without filename or filename*). Throws a 400 naming the header when it cannot be read.
 */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.length > 4096) throw refused('is longer than 4096 characters');
  const type = header.split(';', 1)[0]!.trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(type)) throw refused('must begin with its type, such as attachment or inline');
  const params = parameters(header);
  const named = (name: string): string | undefined => {
    const values = params.filter(([key]) => key === name);
    if (values.length > 1) throw refused(`gives ${name} more than once`);
    return values[0]?.[1];
  };
  const extended = named('filename*');
  const plain = named('filename');
  if (extended !== undefined) return extValue(extended);
  return plain;
}
