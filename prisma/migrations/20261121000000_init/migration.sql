-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "summaryZh" TEXT,
    "summaryEn" TEXT,
    "bodyZh" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "order" INTEGER NOT NULL DEFAULT 1000,
    "sourcePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Deck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deckId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "frontZh" TEXT NOT NULL,
    "frontEn" TEXT NOT NULL,
    "backZh" TEXT NOT NULL,
    "backEn" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "keyPoints" TEXT,
    "noteId" TEXT,
    "sourcePath" TEXT NOT NULL,
    "sourceLine" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Card_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionZh" TEXT,
    "descriptionEn" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "questions" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ContentLoad" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checksum" TEXT NOT NULL,
    "files" INTEGER NOT NULL,
    "notes" INTEGER NOT NULL,
    "cards" INTEGER NOT NULL,
    "quizzes" INTEGER NOT NULL,
    "claims" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "Card_deckId_idx" ON "Card"("deckId");

