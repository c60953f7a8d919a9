/**
 * A changelog as people read it: paragraphs and bulleted items, not the line breaks its YAML source was
 * wrapped at. Authors write changelogs as text, often a summary line then `- ` items wrapped with an
 * indent (standard.yaml's literal blocks); printed with their breaks, they read as ragged lines on every
 * screen width. Nothing is interpreted as markup: the blocks are plain text, escaped when rendered.
 */
export type ChangelogBlock = { paragraph: string } | { items: string[] };

/** A bullet at the start of a line: `- `, `* ` or `• `, after at most one space of indent. */
const BULLET = /^ ?[-*•]\s+/;

export function changelogBlocks(text: string): ChangelogBlock[] {
  const blocks: ChangelogBlock[] = [];
  let paragraph: string[] | undefined;
  let items: string[] | undefined;
  const end = () => {
    if (paragraph) blocks.push({ paragraph: paragraph.join(' ') });
    if (items) blocks.push({ items });
    paragraph = items = undefined;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      end();
    } else if (BULLET.test(raw)) {
      if (paragraph) end();
      (items ??= []).push(raw.replace(BULLET, '').trim());
    } else if (items && /^\s/.test(raw)) {
      // An indented line continues the item above it.
      items[items.length - 1] += ` ${line}`;
    } else {
      if (items) end();
      (paragraph ??= []).push(line);
    }
  }
  end();
  return blocks;
}
