import { z } from "zod";
import { PROFILE_NAMES } from "../tcp";

/*
 * The shapes of content files, as zod schemas. content/README.md documents
 * them for authors; keep the two in step.
 */

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** Text in both languages. Both are required for every item. */
export const bilingualText = z.object(
  {
    zh: nonEmpty.describe("Chinese text"),
    en: nonEmpty.describe("English text"),
  },
  { error: "must be an object with zh and en" },
);
export type BilingualText = z.infer<typeof bilingualText>;

export const bilingualList = z.object({
  zh: z.array(nonEmpty).min(1, "needs at least one point"),
  en: z.array(nonEmpty).min(1, "needs at least one point"),
});
export type BilingualList = z.infer<typeof bilingualList>;

export const CONTENT_TAGS = [
  "states",
  "handshake",
  "close",
  "time-wait",
  "closing",
  "seq-ack",
  "flags",
  "rst",
  "close-wait",
  "half-close",
  "udp",
  "interview",
  "mistake",
  "why",
  "what-if",
  "loss",
  "simultaneous",
  "linux",
  "sockets",
  "operations",
  "security",
  "keepalive",
  "queues",
] as const;
export type ContentTag = (typeof CONTENT_TAGS)[number];

export const QUIZ_TOPICS = ["handshake", "close", "time-wait", "states", "seq-ack", "what-if"] as const;
export type QuizTopic = (typeof QUIZ_TOPICS)[number];

const tag = z.enum(CONTENT_TAGS, { error: (issue) => `unknown tag ${JSON.stringify(issue.input)}; valid: ${CONTENT_TAGS.join(", ")}` });
const contentId = z
  .string({ error: "must be a text id" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case: lower-case letters, digits and single hyphens");

/** Claims stay loosely typed here; lib/content/claims.ts validates and evaluates them with positions. */
const claimObject = z.record(z.string(), z.unknown(), { error: "a claim must be a YAML mapping" });

export const noteFrontMatter = z.strictObject({
  id: contentId,
  title: bilingualText,
  summary: bilingualText.optional(),
  tags: z.array(tag).optional(),
  order: z.number().int().optional(),
});
export type NoteFrontMatter = z.infer<typeof noteFrontMatter>;

export const CARD_KINDS = ["fact", "why", "mistake"] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** The question an interviewer asks next, with what they listen for in the answer. */
export const followUpSchema = z.strictObject({ prompt: bilingualText, keyPoints: bilingualList });
export type FollowUp = z.infer<typeof followUpSchema>;

export const cardSchema = z
  .strictObject({
    id: contentId,
    kind: z.enum(CARD_KINDS, { error: `kind must be one of: ${CARD_KINDS.join(", ")}` }),
    front: bilingualText,
    back: bilingualText,
    tags: z.array(tag).min(1, "needs at least one tag"),
    note: contentId.optional(),
    keyPoints: bilingualList.optional(),
    followUp: followUpSchema.optional(),
    claims: z.array(claimObject).optional(),
  })
  .refine((card) => card.kind !== "why" || card.keyPoints !== undefined, {
    message: "a `why` card needs keyPoints (the points an interviewer listens for)",
    path: ["keyPoints"],
  })
  .refine((card) => card.kind === "why" || card.followUp === undefined, {
    message: "only a `why` card has a followUp (the interviewer's next question)",
    path: ["followUp"],
  });
export type CardInput = z.infer<typeof cardSchema>;

/** A deck file's outline; each card is then validated on its own with `cardSchema`. */
export const deckHeaderSchema = z.strictObject({
  deck: z.strictObject({ id: contentId, title: bilingualText }),
  cards: z.array(z.unknown(), { error: "cards must be a list of cards" }).min(1, "a deck needs at least one card"),
});

const questionBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens"),
  prompt: bilingualText,
  explanation: bilingualText.optional(),
};

const stateName = z.string({ error: "must be a state name" });
const eventName = z.string({ error: "must be an event name" });

export const QUESTION_TYPES = ["next-state", "sends", "states", "choice", "true-false", "free-text"] as const;

export const quizQuestionSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...questionBase, type: z.literal("next-state"), state: stateName, event: eventName, answer: stateName }),
    z.strictObject({ ...questionBase, type: z.literal("sends"), state: stateName, event: eventName, answer: z.string() }),
    z.strictObject({
      ...questionBase,
      type: z.literal("states"),
      scenario: z.string(),
      side: z.enum(["client", "server"], { error: "side must be client or server" }),
      lose: z.array(z.number().int().min(1)).optional(),
      answer: z.array(stateName).min(1),
    }),
    z
      .strictObject({
        ...questionBase,
        type: z.literal("choice"),
        choices: z.array(bilingualText).min(2, "needs at least two choices"),
        answer: z.number().int().min(0, "answer is the index of the right choice, from 0"),
        claims: z.array(claimObject).optional(),
      })
      .refine((question) => question.answer < question.choices.length, {
        message: "answer is past the last choice (choices are counted from 0)",
        path: ["answer"],
      }),
    z.strictObject({ ...questionBase, type: z.literal("true-false"), answer: z.boolean(), claim: claimObject.optional() }),
    z.strictObject({ ...questionBase, type: z.literal("free-text"), keyPoints: bilingualList }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? `type must be one of: ${QUESTION_TYPES.join(", ")}` : undefined) },
);
export type QuizQuestionInput = z.infer<typeof quizQuestionSchema>;

/*
 * The generated question kinds a quiz can ask for. lib/questions owns the
 * kinds and sits above this layer, so the list is repeated here and
 * lib/questions/question.ts proves the two equal at compile time.
 */
export const SLOT_KINDS = [
  "next-state",
  "segment",
  "sends",
  "order",
  "match",
  "which-side",
  "what-if",
  "true-false",
  "trace-gap",
  "why",
  "seq-arith",
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/** Generated questions: `count` of the given kinds and topics, made from the attempt's seed on the given profile's machine. */
export const generatedSlotSchema = z.strictObject({
  kinds: z.array(z.enum(SLOT_KINDS, { error: `kinds must be from: ${SLOT_KINDS.join(", ")}` })).min(1, "name at least one kind, or leave kinds out for all").optional(),
  topics: z.array(z.enum(QUIZ_TOPICS, { error: `topics must be from: ${QUIZ_TOPICS.join(", ")}` })).optional(),
  count: z.number({ error: "count must be a number" }).int("count must be a whole number").min(1, "count is at least 1").max(40, "count is at most 40"),
  profile: z.enum(PROFILE_NAMES, { error: `profile must be one of: ${PROFILE_NAMES.join(", ")}` }).optional(),
});
export type GeneratedSlot = z.infer<typeof generatedSlotSchema>;

/**
 * Where a capture comes from: a sample shipped in content/captures
 * ("sample:handshake-data-close.pcapng") or an instructor's upload
 * ("upload:<id>"). Content files can only name samples that exist; the
 * builder checks that an upload is the instructor's own.
 */
export const CAPTURE_NAME_PATTERN = /^(sample:[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.pcap(ng)?|upload:[A-Za-z0-9_-]{1,64})$/;

/** Questions drawn from one connection of a capture (lib/questions/generators/capture-questions.ts), replayed with a profile (linux when absent). */
export const captureSlotSchema = z.strictObject({
  capture: z
    .string({ error: "capture must be a text name" })
    .regex(CAPTURE_NAME_PATTERN, 'capture must be "sample:<file in content/captures>" or "upload:<id>"'),
  connection: z.number({ error: "connection must be a number" }).int("connection must be a whole number").min(1, "connections are counted from 1").max(10_000, "connection is at most 10000").default(1),
  count: z.number({ error: "count must be a number" }).int("count must be a whole number").min(1, "count is at least 1").max(20, "count is at most 20"),
  profile: z.enum(PROFILE_NAMES, { error: `profile must be one of: ${PROFILE_NAMES.join(", ")}` }).optional(),
});
export type CaptureSlot = z.infer<typeof captureSlotSchema>;

/** When a student sees whether an answer was right, and the explanation. */
export const FEEDBACK_TIMES = ["each", "end", "after-close"] as const;
export type FeedbackTime = (typeof FEEDBACK_TIMES)[number];

const isoDateTime = z.iso.datetime({ offset: true, error: "must be a date and time with its offset, e.g. 2026-12-01T09:00:00+08:00" });

/**
 * How a quiz is taken. Every rule is enforced by the server when a student
 * answers, not only by the page. Absent fields mean: one seed for everyone
 * (derived from the quiz id), questions in their written order, no time
 * limit, any number of attempts, feedback after each question, always open.
 */
export const quizSettingsSchema = z
  .strictObject({
    /** "per-student": each attempt gets its own generated questions; a number: the one seed everyone gets. */
    seed: z
      .union([z.literal("per-student"), z.number().int().min(0).max(0xffffffff)], { error: 'seed must be "per-student" or a whole number from 0 to 4294967295' })
      .optional(),
    shuffle: z.boolean({ error: "shuffle must be true or false" }).optional(),
    timeLimitMinutes: z.number({ error: "timeLimitMinutes must be a number" }).int().min(1, "at least 1 minute").max(600, "at most 600 minutes").optional(),
    attempts: z.number({ error: "attempts must be a number" }).int().min(1, "at least 1 attempt").max(100, "at most 100 attempts").optional(),
    feedback: z.enum(FEEDBACK_TIMES, { error: `feedback must be one of: ${FEEDBACK_TIMES.join(", ")}` }).optional(),
    opens: isoDateTime.optional(),
    closes: isoDateTime.optional(),
  })
  .refine((settings) => !settings.opens || !settings.closes || Date.parse(settings.opens) < Date.parse(settings.closes), {
    message: "closes must be after opens",
    path: ["closes"],
  })
  .refine((settings) => settings.feedback !== "after-close" || settings.closes !== undefined, {
    message: "feedback after-close needs a closes date",
    path: ["feedback"],
  });
export type QuizSettings = z.infer<typeof quizSettingsSchema>;

/** The most questions one attempt can hold, fixed and generated together. */
export const MAX_QUIZ_QUESTIONS = 100;

function slotTotal(slots: readonly { count: number }[]): number {
  return slots.reduce((sum, slot) => sum + slot.count, 0);
}

export const quizFileSchema = z
  .strictObject({
    id: contentId,
    title: bilingualText,
    description: bilingualText.optional(),
    author: z.string().optional(),
    topics: z.array(z.enum(QUIZ_TOPICS, { error: `topics must be from: ${QUIZ_TOPICS.join(", ")}` })).optional(),
    settings: quizSettingsSchema.optional(),
    questions: z.array(quizQuestionSchema).default([]),
    generated: z.array(generatedSlotSchema).max(10, "at most 10 generated slots").default([]),
    // Optional rather than defaulted, so that quizzes written before captures keep their type; absent means none.
    captures: z.array(captureSlotSchema).max(10, "at most 10 capture slots").optional(),
  })
  .refine((quiz) => quiz.questions.length + quiz.generated.length + (quiz.captures?.length ?? 0) > 0, {
    message: "a quiz needs at least one question, generated slot or capture slot",
    path: ["questions"],
  })
  .refine((quiz) => quiz.questions.length + slotTotal(quiz.generated) + slotTotal(quiz.captures ?? []) <= MAX_QUIZ_QUESTIONS, {
    message: `a quiz holds at most ${MAX_QUIZ_QUESTIONS} questions, fixed, generated and from captures together`,
    path: ["generated"],
  });
export type QuizFile = z.infer<typeof quizFileSchema>;

export const stateInfoFileSchema = z.strictObject({
  states: z
    .array(
      z.strictObject({
        state: z.string({ error: "state must be a state name" }),
        name: bilingualText,
        meaning: bilingualText,
      }),
    )
    .min(1),
});
export type StateInfoFile = z.infer<typeof stateInfoFileSchema>;
