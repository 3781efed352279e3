import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { claimBlock, note, writeContentDir } from "./content-fixture";

/** Nine levels of nine aliases: 9^9 strings once expanded. */
export const ALIAS_BOMB = [
  'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`),
].join("\n");

/**
 * A content folder holding every input that crashed or hung the check in
 * issue 10, one file each, beside a valid note and a valid one-card deck
 * that must still load.
 */
export function writeBadInputDir(): string {
  const dir = writeContentDir({
    "notes/good.md": note("good", claimBlock("in: LISTEN\non: rcv SYN\nthen: SYN_RECEIVED")),
    "cards/good.yaml":
      "deck:\n  id: good\n  title: {zh: 卡组, en: Deck}\ncards:\n  - id: c1\n    kind: fact\n    front: {zh: 问, en: Question}\n    back: {zh: 答, en: Answer}\n    tags: [handshake]\n",
    "cards/merge.yaml": "deck:\n  id: merge\n  title: {zh: 卡组, en: Deck}\ncards:\n  - <<: *nope\n    id: c2\n",
    "quizzes/bomb.yaml": ALIAS_BOMB,
    "states.yaml": "states:\n  - <<: *nope\n",
    "notes/claim.md": note("claim", claimBlock("<<: *nope\nin: LISTEN")),
    "notes/nested.md": note("nested", "- ".repeat(10_000)),
    "cards/deep.yaml": "[".repeat(10_000) + "]".repeat(10_000),
    "cards/huge.yaml": `x: ${"a".repeat(5_000_000)}\n`,
    "cards/nul.yaml": "deck:\n  id: nul\n  title: {zh: a\0b, en: Deck}\n",
  });
  writeFileSync(join(dir, "cards/binary.yaml"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
  writeFileSync(join(dir, "notes/latin1.md"), Buffer.from("---\nid: latin1\ntitle: {zh: caf\xe9, en: caf\xe9}\n---\n", "latin1"));
  mkdirSync(join(dir, "notes/more"));
  symlinkSync("..", join(dir, "notes/more/loop"));
  symlinkSync("/etc/hostname", join(dir, "notes/outside.md"));
  return dir;
}
