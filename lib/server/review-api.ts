import "server-only";
import { z } from "zod";
import { GRADES } from "../srs/scheduler";

/** What the review endpoints accept; validated at the edge. */
export const timezoneOffsetSchema = z.number({ error: "tz must be minutes west of UTC" }).int().min(-840, "tz out of range").max(840, "tz out of range");

export const gradeBodySchema = z.strictObject({
  cardId: z.string({ error: "cardId is required" }).min(1, "cardId is required").max(200),
  grade: z.enum(GRADES, { error: `grade must be one of: ${GRADES.join(", ")}` }),
  tz: timezoneOffsetSchema.optional(),
});

export const undoBodySchema = z.strictObject({ tz: timezoneOffsetSchema.optional() });
