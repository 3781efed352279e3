-- The columns the data model marks JSON become jsonb (issue 13), their text converted in place: Prisma's
-- own script dropped each column and added it again, which would have lost every value. Every value was
-- written by JSON.stringify or checked as JSON on import, so each cast succeeds. Should one fail, the tables
-- before it are converted and the rest are not (the pg driver adapter runs a migration statement by
-- statement): fix the value, mark the failed migration rolled back (docs/deploy.md, "Upgrades") and start
-- again. This migration runs again as it is: casting jsonb to jsonb, and dropping a default already gone,
-- change nothing (test/db/json-columns-upgrade.test.ts). The text defaults ('[]', '{}') go, since a
-- text default cannot be cast and every writer sets these columns (prisma/schema.prisma).
-- No semicolon in these comments: the pg driver adapter splits a migration into statements at each one.

-- AlterTable
ALTER TABLE "Note" ALTER COLUMN "tags" DROP DEFAULT,
ALTER COLUMN "tags" SET DATA TYPE JSONB USING "tags"::jsonb;

-- AlterTable
ALTER TABLE "Card" ALTER COLUMN "tags" DROP DEFAULT,
ALTER COLUMN "tags" SET DATA TYPE JSONB USING "tags"::jsonb,
ALTER COLUMN "keyPoints" SET DATA TYPE JSONB USING "keyPoints"::jsonb,
ALTER COLUMN "followUp" SET DATA TYPE JSONB USING "followUp"::jsonb;

-- AlterTable
ALTER TABLE "Quiz" ALTER COLUMN "topics" DROP DEFAULT,
ALTER COLUMN "topics" SET DATA TYPE JSONB USING "topics"::jsonb,
ALTER COLUMN "questions" SET DATA TYPE JSONB USING "questions"::jsonb,
ALTER COLUMN "generated" DROP DEFAULT,
ALTER COLUMN "generated" SET DATA TYPE JSONB USING "generated"::jsonb,
ALTER COLUMN "settings" DROP DEFAULT,
ALTER COLUMN "settings" SET DATA TYPE JSONB USING "settings"::jsonb,
ALTER COLUMN "captures" DROP DEFAULT,
ALTER COLUMN "captures" SET DATA TYPE JSONB USING "captures"::jsonb;

-- AlterTable
ALTER TABLE "ReviewLog" ALTER COLUMN "before" SET DATA TYPE JSONB USING "before"::jsonb;

-- AlterTable
ALTER TABLE "StudySession" ALTER COLUMN "config" SET DATA TYPE JSONB USING "config"::jsonb,
ALTER COLUMN "questions" SET DATA TYPE JSONB USING "questions"::jsonb;

-- AlterTable
ALTER TABLE "Answer" ALTER COLUMN "topics" SET DATA TYPE JSONB USING "topics"::jsonb,
ALTER COLUMN "tests" SET DATA TYPE JSONB USING "tests"::jsonb,
ALTER COLUMN "response" SET DATA TYPE JSONB USING "response"::jsonb;

-- AlterTable
ALTER TABLE "InstructorQuiz" ALTER COLUMN "definition" SET DATA TYPE JSONB USING "definition"::jsonb;

-- AlterTable
ALTER TABLE "QuizVersion" ALTER COLUMN "definition" SET DATA TYPE JSONB USING "definition"::jsonb;
