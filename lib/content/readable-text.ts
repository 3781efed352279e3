import { isUtf8 } from "node:buffer";

/*
 * What a content file must be before it is parsed at all: UTF-8 text of a
 * bounded size, with line feeds for line ends. A file that is not is reported once, at the line where it
 * goes wrong (line 1 where nothing better exists), and left out, so that
 * binary data never reaches the parsers and no file can make the check hang.
 */

/**
 * The largest content file read. The biggest real file is under 60 kB; a
 * limit keeps a huge or endless file from stalling `content:check` and
 * `npm start`.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface TextProblem {
  line: number;
  message: string;
}

export function tooLarge(bytes: number): TextProblem | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  return { line: 1, message: `the file is ${formatSize(bytes)}; a content file may be at most ${formatSize(MAX_FILE_BYTES)}, so it was not read` };
}

/** Bytes read from disk: the line of the first invalid UTF-8 sequence, if any. */
export function notUtf8(bytes: Uint8Array): TextProblem | null {
  if (isUtf8(bytes)) return null;
  // A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one.
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
    if (!isUtf8(slice)) return { line, message: "the file is not UTF-8 text (an invalid byte sequence on this line); save it as UTF-8" };
    if (end === -1) return { line: 1, message: "the file is not UTF-8 text; save it as UTF-8" };
    start = end + 1;
  }
}

/**
 * Text in memory: too large, binary (a NUL byte, which no text file holds),
 * or with a carriage return that ends no line. Lines are counted by line
 * feeds, as git and editors count them; Markdown also ends a line at a lone
 * CR, so that lines after one would be misnumbered.
 */
export function unreadableText(text: string): TextProblem | null {
  const size = tooLarge(Buffer.byteLength(text, "utf8"));
  if (size) return size;
  const nul = text.indexOf("\0");
  if (nul !== -1) return { line: lineAt(text, nul), message: "the file holds a NUL byte: binary data, not text" };
  const cr = /\r(?!\n)/.exec(text);
  if (cr) return { line: lineAt(text, cr.index), message: "a carriage return (CR) that is not part of a line ending; save the file with LF (or CRLF) line endings" };
  return null;
}

/** The 1-based line of the character at `offset`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line++;
  return line;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
