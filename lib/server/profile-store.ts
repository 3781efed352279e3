import { z } from "zod";
import type { PrismaClient } from "./prisma-client";

export const DISPLAY_NAME_MAX = 40;
export const NEW_CARDS_PER_DAY_MAX = 200;

/** Counted in characters as people see them, so that 40 Chinese characters fit as 40 Latin letters do. */
const displayName = z
  .string("must be a string")
  .trim()
  .min(1, `must be 1 to ${DISPLAY_NAME_MAX} characters`)
  .refine((name) => [...name].length <= DISPLAY_NAME_MAX, `must be 1 to ${DISPLAY_NAME_MAX} characters`);

/** POST /api/profile: either field or both; a null name removes it. */
export const profileSchema = z
  .strictObject({
    displayName: displayName.nullable().optional(),
    newCardsPerDay: z
      .int("must be a whole number")
      .min(0, `must be 0 to ${NEW_CARDS_PER_DAY_MAX}`)
      .max(NEW_CARDS_PER_DAY_MAX, `must be 0 to ${NEW_CARDS_PER_DAY_MAX}`)
      .optional(),
  })
  .refine((body) => body.displayName !== undefined || body.newCardsPerDay !== undefined, "give displayName, newCardsPerDay or both");

export type ProfileUpdate = z.output<typeof profileSchema>;

export interface Profile {
  displayName: string | null;
  newCardsPerDay: number;
}

export async function updateProfile(client: PrismaClient, learnerId: string, update: ProfileUpdate): Promise<Profile> {
  return client.learner.update({
    where: { id: learnerId },
    data: {
      ...(update.displayName !== undefined ? { displayName: update.displayName } : {}),
      ...(update.newCardsPerDay !== undefined ? { newCardsPerDay: update.newCardsPerDay } : {}),
    },
    select: { displayName: true, newCardsPerDay: true },
  });
}
