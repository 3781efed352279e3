-- CreateTable
CREATE TABLE "StateInfo" (
    "state" TEXT NOT NULL PRIMARY KEY,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "meaningZh" TEXT NOT NULL,
    "meaningEn" TEXT NOT NULL
);

