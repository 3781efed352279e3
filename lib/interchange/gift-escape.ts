/*
 * GIFT's special characters. The Moodle GIFT format documentation: "~ = # { }
 * :" in text must be written with a backslash before them; Moodle's own GIFT
 * export (question/format/gift/format.php, repchar) also doubles a backslash
 * and writes a line break as \n, since a blank line ends a question.
 */
const SPECIAL: Record<string, string> = { "\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": "" };

export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:\n\r]/g, (char) => SPECIAL[char]!);
}
