/**
 * TSDoc text for a schema node: its title and description, the labels of a code list, its default
 * ("not known") codes, and the checks a type cannot express (format, pattern, length, range), which the
 * standalone validator makes.
 */
type Node = Record<string, unknown>;

const code = (value: unknown): string => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** Text safe inside a block comment. */
export const commentSafe = (text: string): string => text.replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n').trim();

/** The TSDoc remark of a field a conditional rule requires: `words` as the field dictionary gives them ("when ACTION_FLAG is NEW or UPDATE"). */
export const requiredRemark = (words: string): string => `@remarks ${commentSafe(`Required ${words.replace(/\.$/, '')}.`)}`;

function labels(node: Node): string[] {
  const names = node['x-labels'];
  if (!Array.isArray(node.enum) || names === null || typeof names !== 'object') return [];
  const byCode = names as Record<string, unknown>;
  return ['Codes:', ...node.enum.map((value) => `- ${code(value)}${typeof byCode[String(value)] === 'string' ? `: ${String(byCode[String(value)])}` : ''}`)];
}

function checks(node: Node): string[] {
  const lines: string[] = [];
  const defaults = node['x-default-codes'];
  if (Array.isArray(defaults) && defaults.length > 0) lines.push(`Default ("not known") codes: ${defaults.map(code).join(', ')}.`);
  if (typeof node.format === 'string') lines.push(`Format: ${code(node.format)} (checked by the validator).`);
  if (typeof node.pattern === 'string') lines.push(`Pattern: ${code(node.pattern)}.`);
  const min = node.minLength,
    max = node.maxLength;
  if (typeof min === 'number' || typeof max === 'number') {
    lines.push(
      typeof min === 'number' && typeof max === 'number'
        ? `Length: ${min} to ${max} characters.`
        : typeof min === 'number'
          ? `Length: at least ${min} characters.`
          : `Length: at most ${String(max)} characters.`,
    );
  }
  for (const [keyword, phrase] of [
    ['minimum', 'at least'],
    ['maximum', 'at most'],
    ['exclusiveMinimum', 'more than'],
    ['exclusiveMaximum', 'less than'],
  ] as const) {
    if (typeof node[keyword] === 'number') lines.push(`Value: ${phrase} ${String(node[keyword])}.`);
  }
  const expected = node['x-expected'];
  if (Array.isArray(expected) && expected.length > 0) lines.push(`Expected to be filled, though optional: ${expected.map(code).join(', ')}.`);
  return lines;
}

/** A rule in words, e.g. `dateOfBirth not after the submission (skew PT5M), warning`. */
function describeConsistencyRule(r: Node): string {
  const field = String(r.field).slice(1);
  const text =
    r.within !== undefined
      ? `${field} within the reporting period`
      : r.notAfter === '$submission'
        ? `${field} not after the submission${typeof r.skew === 'string' ? ` (skew ${r.skew})` : ''}${r.calendar === 'utc' ? ' (a date against the UTC date)' : ''}`
        : r.notAfter !== undefined
          ? `${field} not after ${typeof r.notAfter === 'string' ? r.notAfter.slice(1) : ''}`
          : `${field} not before ${typeof r.notBefore === 'string' ? r.notBefore.slice(1) : ''}`;
  return r.severity === 'warning' ? `${text} (warning)` : text;
}

function consistency(node: Node): string[] {
  const rules = node['x-consistency'];
  if (!Array.isArray(rules) || rules.length === 0) return [];
  return ['Cross-field rules (checked by the validator):', ...rules.map((r: Node) => `- ${code(r.id)}: ${describeConsistencyRule(r)}.`)];
}

const hasConditionals = (node: Node): boolean =>
  Array.isArray(node.allOf) && node.allOf.some((m: unknown) => m !== null && typeof m === 'object' && 'if' in (m as Node));

/** The doc comment text of a node, or undefined when it has nothing to say. */
export function docText(node: Node): string | undefined {
  const paragraphs: string[] = [];
  if (typeof node.title === 'string') paragraphs.push(node.title);
  if (typeof node.description === 'string') paragraphs.push(node.description);
  const lists = [labels(node), checks(node), consistency(node)].filter((l) => l.length > 0).map((l) => l.join('\n'));
  paragraphs.push(...lists);
  if (hasConditionals(node)) paragraphs.push('Conditional rules (if/then/else) are not expressed in this type; the validator checks them.');
  const text = commentSafe(paragraphs.join('\n\n'));
  return text === '' ? undefined : text;
}
