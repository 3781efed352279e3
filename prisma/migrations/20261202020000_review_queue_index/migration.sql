-- The review queue in the order cards come (relearning first, then oldest due), read a few at a time (issue 10).
-- CreateIndex
CREATE INDEX "CardState_queue_idx" ON "CardState"("learnerId", "state" DESC, "due", "cardId");
