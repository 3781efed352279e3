/**
 * GIFT comments (lines starting with //) are ignored by Moodle. SynAck's GIFT
 * export writes a quiz file's own question, as JSON, in a comment of this
 * form before the question, and SynAck's import reads it back: an exported
 * next-state question or a true/false with its claim comes home whole and
 * machine-checked, which the GIFT text alone cannot say.
 */
export const SOURCE_COMMENT = "// synack-question: ";
