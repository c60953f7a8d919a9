/**
 * Text for a person's terminal that came from elsewhere: a server's report and problem details, a
 * standard author's titles and rule messages. A control character (an escape sequence could recolour,
 * clear or retitle the terminal, or hide what was printed before it; a carriage return could overwrite a
 * line), a format or bidirectional character (which reorders what is shown) or a lone surrogate is written
 * as `\u` and four hex digits. Line ends and tabs are kept. JSON, JUnit and SARIF outputs escape such
 * characters their own way.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
