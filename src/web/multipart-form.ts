/**
 * The no-JavaScript upload form (multipart/form-data), read as a stream with busboy: the fields before the
 * file are collected (few and small), `beforeFile` checks them (the CSRF crumb) before a byte of the file is
 * used, and the file part is handed on as a stream with backpressure to the socket, so it is never held
 * whole. Exactly one file; no field may follow it. A rule broken after the file has started makes the file's
 * stream end in an error, so a submission reading it fails rather than being stored.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { PartCharsetWatch } from './part-charset.js';

export interface FormLimits {
  /** Fields other than the file. */
  fields: number;
  /** Bytes of each field's value. */
  fieldBytes: number;
  /** Bytes of the whole body besides the file's content. */
  otherBytes: number;
}

/**
 * busboy reads names, values and file names as latin1 (each byte one character) and they are decoded here
 * strictly: text that is not UTF-8 is refused, never read with U+FFFD in place of its bytes.
 */
const strict = new TextDecoder('utf-8', { fatal: true });
function utf8(latin1: string): string | undefined {
  try {
    return strict.decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return undefined;
  }
}
/** The form's controls, for the link from an error to its field. */
const CONTROLS = new Set(['standard', 'period', 'act', 'file']);

export const FORM_LIMITS: FormLimits = { fields: 8, fieldBytes: 1024, otherBytes: 64 * 1024 };

/** A form that breaks a rule: what to tell the person, and which control it is about. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly href: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'FormError';
  }
}

export interface UploadForm {
  /** The fields sent before the file. */
  fields: Readonly<Record<string, string>>;
  /** The file part (its name as the browser gave it, without folders), or undefined when none was chosen. */
  file?: {
    name: string;
    source: AsyncIterable<Buffer>;
    /** The charsets the file part's own Content-Type declares (lower case, unquoted; usually none). */
    charsets: string[];
  };
  /** Stops reading the form: `drain` reads and discards the rest of the body (so the browser sees the answer). */
  abandon: (drain: boolean) => void;
}

/**
 * Reads the form up to its file. Rejects with a FormError for a form that is not multipart, has too many
 * or too long fields, repeats a field or ends early, and with whatever `beforeFile` throws.
 */
export function readUploadForm(
  body: Readable,
  headers: IncomingHttpHeaders,
  beforeFile: (fields: Readonly<Record<string, string>>) => void,
  limits: FormLimits = FORM_LIMITS,
): Promise<UploadForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        defParamCharset: 'latin1',
        defCharset: 'latin1',
        limits: { fields: limits.fields, fieldSize: limits.fieldBytes, fieldNameSize: 100, files: 1, headerPairs: 10 },
      });
    } catch {
      reject(new FormError('Send the form as multipart/form-data', '#file', 415));
      body.resume();
      return;
    }
    const fields: Record<string, string> = {};
    let state: 'fields' | 'file' | 'done' = 'fields';
    /** Set once a rule is broken after the file started: the file's stream ends with it. */
    let lateError: FormError | undefined;
    /** The bytes of the body read so far, and of the file's content parsed so far. */
    let bodyBytes = 0;
    let fileBytes = 0;
    let formClosed: () => void = () => {};
    const closed = new Promise<void>((done) => (formClosed = done));

    const abandon = (drain: boolean) => {
      body.off('data', countOthers);
      body.unpipe(parser);
      parser.removeAllListeners('file');
      if (drain) body.resume();
      else body.pause();
    };
    const fail = (error: FormError) => {
      if (state === 'fields') {
        state = 'done';
        abandon(false);
        reject(error);
      } else lateError ??= error;
    };

    parser.on('field', (rawName: string | undefined, rawValue, info) => {
      if (state !== 'fields') return fail(new FormError('The file must be the last part of the form', '#file'));
      // busboy gives a part whose Content-Disposition has no name as a field named undefined.
      if (rawName === undefined) return fail(new FormError('A part of the form has no name; reload the page and try again', '#file'));
      if (info.nameTruncated || info.valueTruncated) return fail(new FormError('A field of the form is too long', '#file'));
      const name = utf8(rawName);
      if (name === undefined) return fail(new FormError('The form has a field whose name is not UTF-8 text; reload the page and try again', '#file'));
      const value = utf8(rawValue);
      const shown = /^[\x21-\x7e]{1,40}$/.test(name) && !name.includes('"') ? name : undefined;
      if (value === undefined) {
        return fail(
          new FormError(
            shown ? `The form's "${shown}" field is not UTF-8 text; type it again and send the form again` : 'A field of the form is not UTF-8 text',
            CONTROLS.has(name) ? `#${name}` : '#file',
          ),
        );
      }
      if (Object.hasOwn(fields, name)) return fail(new FormError(`The form gives "${name.slice(0, 40)}" more than once`, '#file'));
      fields[name] = value;
    });
    parser.on('fieldsLimit', () => fail(new FormError('The form has too many fields', '#file')));
    parser.on('filesLimit', () => fail(new FormError('Choose one file', '#file')));
    parser.on('error', () => {
      fail(new FormError('The form could not be read; try again', '#file'));
      // Ends the file's stream too (with an error), so nothing waits for the rest of it.
      parser.destroy();
    });
    parser.on('close', () => {
      formClosed();
      if (state === 'fields') {
        state = 'done';
        resolve({ fields, abandon });
      }
    });
    parser.on('file', (name, stream, info) => {
      // A stream ended by an error nobody reads (the form was abandoned) must not be an uncaught error.
      stream.on('error', () => {});
      if (state !== 'fields') {
        stream.resume();
        return;
      }
      try {
        if (name !== 'file') throw new FormError('Choose a file', '#file');
        beforeFile(fields);
      } catch (error) {
        stream.resume();
        state = 'done';
        abandon(false);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      state = 'file';
      if (!info.filename) {
        stream.resume();
        resolve({ fields, abandon });
        return;
      }
      const fileName = utf8(info.filename);
      if (fileName === undefined) {
        stream.resume();
        state = 'done';
        abandon(false);
        reject(new FormError("The file's name is not UTF-8 text; rename the file and choose it again", '#file'));
        return;
      }
      // The file's content, counted as busboy parses it (before anyone reads it).
      const push = stream.push.bind(stream);
      stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
        if (Buffer.isBuffer(chunk)) fileBytes += chunk.length;
        return push(chunk, encoding);
      };
      async function* source(): AsyncGenerator<Buffer> {
        try {
          for await (const chunk of stream) yield chunk as Buffer;
          // The rest of the form must be read (and be right) before the submission counts.
          await closed;
        } catch {
          throw lateError ?? new FormError('The upload was cut short; try again', '#file');
        }
        if (lateError) throw lateError;
      }
      resolve({ fields, file: { name: fileName, source: source(), charsets: partCharsets.fileCharsets ?? [] }, abandon });
    });
    // Before busboy's own listener (pipe, below): the file part's headers are read here before busboy tells of the file.
    const partCharsets = new PartCharsetWatch(headers['content-type'] ?? '');
    const watchParts = (chunk: Buffer) => {
      partCharsets.add(chunk);
      if (partCharsets.fileCharsets !== undefined) body.off('data', watchParts);
    };
    body.on('data', watchParts);
    body.on('error', (error) => parser.destroy(error));
    body.pipe(parser);
    // After busboy's own listener (pipe, above), so that each chunk has been parsed (or waits to be, when the
    // file's reader is behind): the bytes that are neither the file's content nor waiting are the rest of the form.
    function countOthers(chunk: Buffer): void {
      bodyBytes += chunk.length;
      const others = bodyBytes - fileBytes - parser.writableLength;
      if (others <= limits.otherBytes) return;
      const error = new FormError(`The form has more than ${limits.otherBytes / 1024} KiB besides its file; send the form as the page gives it`, '#file', 413);
      if (state === 'fields') return fail(error);
      // The file has started: its stream ends with this error (the submission fails), and nothing more is read.
      lateError ??= error;
      abandon(false);
      parser.destroy(error);
    }
    body.on('data', countOthers);
    body.on('close', () => {
      if (!body.readableEnded) parser.destroy(new Error('the request ended early'));
    });
  });
}
