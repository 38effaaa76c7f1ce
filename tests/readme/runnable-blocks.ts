/** A fenced code block of a Markdown document. */
export interface CodeBlock {
  /** The 1-based line of its opening fence, to point at it in a failure. */
  line: number;
  /** The block's text, without its fences. */
  code: string;
}

/**
 * The ```` ```ts runnable ```` blocks of a Markdown document: the examples meant
 * to run as written. Other blocks (sketches, shell commands) are left alone.
 */
export function runnableBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    if (!/^```ts\s+runnable\s*$/.test(lines[index] ?? "")) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (end === -1) throw new Error(`The runnable block at line ${index + 1} is never closed`);
    blocks.push({ line: index + 1, code: lines.slice(index + 1, end).join("\n") });
    index = end;
  }
  return blocks;
}
