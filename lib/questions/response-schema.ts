import { z } from "zod";

const shortText = z.string().max(200, "too long");
const numberText = z.union([z.number().int().min(0).max(4294967295), z.string().max(20, "too long")]);

/** A learner's answer as the API accepts it (see LearnerResponse). */
export const learnerResponseSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("choice"), choice: shortText }),
    z.strictObject({ kind: z.literal("state"), state: shortText }),
    z.strictObject({ kind: z.literal("flags"), flags: shortText }),
    z.strictObject({ kind: z.literal("segment"), flags: shortText, seq: numberText, ack: z.union([numberText, z.null()]) }),
    z.strictObject({ kind: z.literal("number"), value: numberText }),
    z.strictObject({ kind: z.literal("order"), order: z.array(shortText).max(50) }),
    z.strictObject({ kind: z.literal("match"), pairs: z.record(shortText, shortText) }),
    z.strictObject({ kind: z.literal("self-grade"), covered: z.array(z.number().int().min(0).max(50)).max(50), text: z.string().max(10_000, "answer too long").optional() }),
  ],
  { error: "kind must be one of: choice, state, flags, segment, number, order, match, self-grade" },
);
