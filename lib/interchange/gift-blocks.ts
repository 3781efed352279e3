/**
 * A GIFT file cut into its questions the way Moodle reads it
 * (question/format/gift/format.php): a blank line ends a question, and a
 * line whose first non-blank characters are // is a comment. Each block
 * keeps the line its first non-comment line is on, so every message can say
 * `FILE:line`, and its comments, where SynAck's own export leaves the
 * question it came from.
 */
export interface GiftBlock {
  /** 1-based line of the block's first non-comment line. */
  line: number;
  /** The block without its comment lines. */
  text: string;
  comments: string[];
}

export function giftBlocks(source: string): GiftBlock[] {
  const blocks: GiftBlock[] = [];
  let current: GiftBlock = { line: 0, text: "", comments: [] };
  const close = () => {
    if (current.text !== "") blocks.push(current);
    current = { line: 0, text: "", comments: [] };
  };
  source
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((text, index) => {
      if (text.trim() === "") return close();
      if (/^\s*\/\//.test(text)) return void current.comments.push(text.trim());
      if (current.text === "") current.line = index + 1;
      current.text = current.text === "" ? text : `${current.text}\n${text}`;
    });
  close();
  return blocks;
}
