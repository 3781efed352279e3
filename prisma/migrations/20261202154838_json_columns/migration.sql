-- The columns the data model marks JSON are declared JSONB (issue 13), which Prisma reads and writes as JSON.
-- Their text is copied as it is, unless it is not JSON (written by hand: the app only ever wrote JSON), which
-- Prisma could not read at all: such text is kept as a JSON string holding it, which the app's checks then
-- refuse as they refused the text, so a page says the row cannot be read instead of failing.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Note" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "summaryZh" TEXT,
    "summaryEn" TEXT,
    "bodyZh" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "tags" JSONB NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 1000,
    "sourcePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Note" ("active", "bodyEn", "bodyZh", "id", "order", "sourcePath", "summaryEn", "summaryZh", "tags", "titleEn", "titleZh", "updatedAt") SELECT "active", "bodyEn", "bodyZh", "id", "order", "sourcePath", "summaryEn", "summaryZh", CASE WHEN "tags" IS NULL OR json_valid("tags") THEN "tags" ELSE json_quote("tags") END, "titleEn", "titleZh", "updatedAt" FROM "Note";
DROP TABLE "Note";
ALTER TABLE "new_Note" RENAME TO "Note";
CREATE TABLE "new_Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deckId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "frontZh" TEXT NOT NULL,
    "frontEn" TEXT NOT NULL,
    "backZh" TEXT NOT NULL,
    "backEn" TEXT NOT NULL,
    "tags" JSONB NOT NULL,
    "keyPoints" JSONB,
    "followUp" JSONB,
    "noteId" TEXT,
    "sourcePath" TEXT NOT NULL,
    "sourceLine" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Card_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Card" ("active", "backEn", "backZh", "deckId", "followUp", "frontEn", "frontZh", "id", "keyPoints", "kind", "noteId", "sourceLine", "sourcePath", "tags", "updatedAt") SELECT "active", "backEn", "backZh", "deckId", CASE WHEN "followUp" IS NULL OR json_valid("followUp") THEN "followUp" ELSE json_quote("followUp") END, "frontEn", "frontZh", "id", CASE WHEN "keyPoints" IS NULL OR json_valid("keyPoints") THEN "keyPoints" ELSE json_quote("keyPoints") END, "kind", "noteId", "sourceLine", "sourcePath", CASE WHEN "tags" IS NULL OR json_valid("tags") THEN "tags" ELSE json_quote("tags") END, "updatedAt" FROM "Card";
DROP TABLE "Card";
ALTER TABLE "new_Card" RENAME TO "Card";
CREATE INDEX "Card_deckId_idx" ON "Card"("deckId");
CREATE TABLE "new_Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionZh" TEXT,
    "descriptionEn" TEXT,
    "topics" JSONB NOT NULL,
    "questions" JSONB NOT NULL,
    "generated" JSONB NOT NULL,
    "settings" JSONB NOT NULL,
    "captures" JSONB NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Quiz" ("active", "captures", "descriptionEn", "descriptionZh", "generated", "id", "questions", "settings", "sourcePath", "titleEn", "titleZh", "topics", "updatedAt") SELECT "active", CASE WHEN "captures" IS NULL OR json_valid("captures") THEN "captures" ELSE json_quote("captures") END, "descriptionEn", "descriptionZh", CASE WHEN "generated" IS NULL OR json_valid("generated") THEN "generated" ELSE json_quote("generated") END, "id", CASE WHEN "questions" IS NULL OR json_valid("questions") THEN "questions" ELSE json_quote("questions") END, CASE WHEN "settings" IS NULL OR json_valid("settings") THEN "settings" ELSE json_quote("settings") END, "sourcePath", "titleEn", "titleZh", CASE WHEN "topics" IS NULL OR json_valid("topics") THEN "topics" ELSE json_quote("topics") END, "updatedAt" FROM "Quiz";
DROP TABLE "Quiz";
ALTER TABLE "new_Quiz" RENAME TO "Quiz";
CREATE TABLE "new_ReviewLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL,
    "difficulty" REAL NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "lastElapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "review" DATETIME NOT NULL,
    "before" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewLog_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReviewLog" ("before", "cardId", "createdAt", "difficulty", "due", "elapsedDays", "id", "lastElapsedDays", "learnerId", "learningSteps", "rating", "review", "scheduledDays", "stability", "state") SELECT CASE WHEN "before" IS NULL OR json_valid("before") THEN "before" ELSE json_quote("before") END, "cardId", "createdAt", "difficulty", "due", "elapsedDays", "id", "lastElapsedDays", "learnerId", "learningSteps", "rating", "review", "scheduledDays", "stability", "state" FROM "ReviewLog";
DROP TABLE "ReviewLog";
ALTER TABLE "new_ReviewLog" RENAME TO "ReviewLog";
CREATE INDEX "ReviewLog_learnerId_review_idx" ON "ReviewLog"("learnerId", "review");
CREATE INDEX "ReviewLog_learnerId_createdAt_idx" ON "ReviewLog"("learnerId", "createdAt");
CREATE TABLE "new_StudySession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "questions" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "quizVersionId" TEXT,
    "attempt" INTEGER,
    "studentName" TEXT,
    "deadline" DATETIME,
    CONSTRAINT "StudySession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StudySession_quizVersionId_fkey" FOREIGN KEY ("quizVersionId") REFERENCES "QuizVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StudySession" ("attempt", "config", "createdAt", "deadline", "finishedAt", "id", "learnerId", "mode", "questions", "quizVersionId", "studentName") SELECT "attempt", CASE WHEN "config" IS NULL OR json_valid("config") THEN "config" ELSE json_quote("config") END, "createdAt", "deadline", "finishedAt", "id", "learnerId", "mode", CASE WHEN "questions" IS NULL OR json_valid("questions") THEN "questions" ELSE json_quote("questions") END, "quizVersionId", "studentName" FROM "StudySession";
DROP TABLE "StudySession";
ALTER TABLE "new_StudySession" RENAME TO "StudySession";
CREATE INDEX "StudySession_learnerId_createdAt_idx" ON "StudySession"("learnerId", "createdAt");
CREATE INDEX "StudySession_quizVersionId_learnerId_idx" ON "StudySession"("quizVersionId", "learnerId");
CREATE TABLE "new_Answer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "sessionId" TEXT,
    "position" INTEGER,
    "questionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topics" JSONB NOT NULL,
    "tests" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "score" REAL NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Answer_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Answer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "StudySession" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Answer" ("correct", "createdAt", "id", "kind", "learnerId", "position", "questionId", "response", "score", "sessionId", "tests", "topics") SELECT "correct", "createdAt", "id", "kind", "learnerId", "position", "questionId", CASE WHEN "response" IS NULL OR json_valid("response") THEN "response" ELSE json_quote("response") END, "score", "sessionId", CASE WHEN "tests" IS NULL OR json_valid("tests") THEN "tests" ELSE json_quote("tests") END, CASE WHEN "topics" IS NULL OR json_valid("topics") THEN "topics" ELSE json_quote("topics") END FROM "Answer";
DROP TABLE "Answer";
ALTER TABLE "new_Answer" RENAME TO "Answer";
CREATE INDEX "Answer_learnerId_createdAt_idx" ON "Answer"("learnerId", "createdAt");
CREATE INDEX "Answer_sessionId_idx" ON "Answer"("sessionId");
CREATE TABLE "new_InstructorQuiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorId" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "origin" TEXT,
    "code" TEXT,
    "liveVersionId" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InstructorQuiz_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "Instructor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_InstructorQuiz" ("archivedAt", "code", "createdAt", "definition", "id", "instructorId", "liveVersionId", "origin", "updatedAt") SELECT "archivedAt", "code", "createdAt", CASE WHEN "definition" IS NULL OR json_valid("definition") THEN "definition" ELSE json_quote("definition") END, "id", "instructorId", "liveVersionId", "origin", "updatedAt" FROM "InstructorQuiz";
DROP TABLE "InstructorQuiz";
ALTER TABLE "new_InstructorQuiz" RENAME TO "InstructorQuiz";
CREATE UNIQUE INDEX "InstructorQuiz_code_key" ON "InstructorQuiz"("code");
CREATE INDEX "InstructorQuiz_instructorId_updatedAt_idx" ON "InstructorQuiz"("instructorId", "updatedAt");
CREATE TABLE "new_QuizVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorQuizId" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizVersion_instructorQuizId_fkey" FOREIGN KEY ("instructorQuizId") REFERENCES "InstructorQuiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizVersion" ("createdAt", "definition", "id", "instructorQuizId") SELECT "createdAt", CASE WHEN "definition" IS NULL OR json_valid("definition") THEN "definition" ELSE json_quote("definition") END, "id", "instructorQuizId" FROM "QuizVersion";
DROP TABLE "QuizVersion";
ALTER TABLE "new_QuizVersion" RENAME TO "QuizVersion";
CREATE INDEX "QuizVersion_instructorQuizId_idx" ON "QuizVersion"("instructorQuizId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

