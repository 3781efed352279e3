-- A "why" card may carry the interviewer's follow-up question.
ALTER TABLE "Card" ADD COLUMN "followUp" TEXT;
