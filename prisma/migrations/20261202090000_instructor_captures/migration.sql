-- Instructors' uploaded captures, and file quizzes' capture slots (issue 12).
-- CreateTable
CREATE TABLE "InstructorCapture" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InstructorCapture_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "Instructor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- AlterTable
ALTER TABLE "Quiz" ADD COLUMN "captures" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "InstructorCapture_instructorId_createdAt_idx" ON "InstructorCapture"("instructorId", "createdAt");

