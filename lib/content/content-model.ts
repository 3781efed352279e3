import type { TcpState } from "../tcp";
import type { BilingualList, BilingualText, CardKind, ContentTag, FollowUp, QuizFile } from "./schema";

/*
 * Content as the rest of SynAck sees it once checked: plain objects, with the
 * file and line each came from so that the app can point authors at it.
 */

export interface Note {
  id: string;
  title: BilingualText;
  summary?: BilingualText;
  tags: ContentTag[];
  order: number;
  body: BilingualText;
  claimCount: number;
  sourcePath: string;
}

export interface Card {
  id: string;
  deckId: string;
  kind: CardKind;
  front: BilingualText;
  back: BilingualText;
  tags: ContentTag[];
  note?: string;
  keyPoints?: BilingualList;
  /** For a why card: the question an interviewer asks next, with its key points. */
  followUp?: FollowUp;
  claimCount: number;
  sourcePath: string;
  sourceLine: number;
}

export interface Deck {
  id: string;
  title: BilingualText;
  sourcePath: string;
  cards: Card[];
}

export type Quiz = QuizFile & { sourcePath: string };

/** A state's short name and meaning, from content/states.yaml. */
export interface StateInfo {
  state: TcpState;
  name: BilingualText;
  meaning: BilingualText;
}

export interface ContentProblem {
  path: string;
  line: number;
  message: string;
}

export interface ContentCounts {
  files: number;
  notes: number;
  decks: number;
  cards: number;
  quizzes: number;
  questions: number;
  claims: number;
  /** Known errors watched for (content/misconceptions/). */
  knownErrors: number;
}

export interface ContentReport {
  states: StateInfo[];
  notes: Note[];
  decks: Deck[];
  quizzes: Quiz[];
  problems: ContentProblem[];
  counts: ContentCounts;
}

/** A file's path (as reported) and its text; a sample capture (content/captures) has its bytes instead (text ""). */
export interface ContentFile {
  path: string;
  text: string;
  bytes?: Uint8Array;
  /**
   * Why the file could not be read as text (too large, not UTF-8, a link that
   * is not followed); such a file is reported at this line and not checked.
   */
  unreadable?: { line: number; message: string };
}
