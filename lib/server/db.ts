import "server-only";
import { createPrismaClient, type PrismaClient } from "./prisma-client";

/*
 * The app's one Prisma client. In development Next reloads modules on every
 * change; keeping the client on globalThis stops each reload opening another
 * connection to the SQLite file (the create-t3-app habit).
 */
const globalForPrisma = globalThis as unknown as { synackPrisma?: PrismaClient };

export const db: PrismaClient = globalForPrisma.synackPrisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.synackPrisma = db;
