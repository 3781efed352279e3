-- Instructors, their quizzes and published versions, attempts at them, and file quizzes' generated slots and settings (issue 11).
-- CreateTable
CREATE TABLE "Instructor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InstructorSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "instructorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "InstructorSession_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "Instructor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InstructorQuiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorId" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "origin" TEXT,
    "code" TEXT,
    "liveVersionId" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InstructorQuiz_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "Instructor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorQuizId" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizVersion_instructorQuizId_fkey" FOREIGN KEY ("instructorQuizId") REFERENCES "InstructorQuiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionZh" TEXT,
    "descriptionEn" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "questions" TEXT NOT NULL,
    "generated" TEXT NOT NULL DEFAULT '[]',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "sourcePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Quiz" ("active", "descriptionEn", "descriptionZh", "id", "questions", "sourcePath", "titleEn", "titleZh", "topics", "updatedAt") SELECT "active", "descriptionEn", "descriptionZh", "id", "questions", "sourcePath", "titleEn", "titleZh", "topics", "updatedAt" FROM "Quiz";
DROP TABLE "Quiz";
ALTER TABLE "new_Quiz" RENAME TO "Quiz";
CREATE TABLE "new_StudySession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "quizVersionId" TEXT,
    "attempt" INTEGER,
    "studentName" TEXT,
    "deadline" DATETIME,
    CONSTRAINT "StudySession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StudySession_quizVersionId_fkey" FOREIGN KEY ("quizVersionId") REFERENCES "QuizVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StudySession" ("config", "createdAt", "finishedAt", "id", "learnerId", "mode", "questions") SELECT "config", "createdAt", "finishedAt", "id", "learnerId", "mode", "questions" FROM "StudySession";
DROP TABLE "StudySession";
ALTER TABLE "new_StudySession" RENAME TO "StudySession";
CREATE INDEX "StudySession_learnerId_createdAt_idx" ON "StudySession"("learnerId", "createdAt");
CREATE INDEX "StudySession_quizVersionId_learnerId_idx" ON "StudySession"("quizVersionId", "learnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Instructor_email_key" ON "Instructor"("email");

-- CreateIndex
CREATE UNIQUE INDEX "InstructorSession_tokenHash_key" ON "InstructorSession"("tokenHash");

-- CreateIndex
CREATE INDEX "InstructorSession_instructorId_idx" ON "InstructorSession"("instructorId");

-- CreateIndex
CREATE INDEX "LoginAttempt_scope_createdAt_idx" ON "LoginAttempt"("scope", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InstructorQuiz_code_key" ON "InstructorQuiz"("code");

-- CreateIndex
CREATE INDEX "InstructorQuiz_instructorId_updatedAt_idx" ON "InstructorQuiz"("instructorId", "updatedAt");

-- CreateIndex
CREATE INDEX "QuizVersion_instructorQuizId_idx" ON "QuizVersion"("instructorQuizId");

