import "server-only";
import { createPrismaClient, type PrismaClient } from "./prisma-client";

/*
 * The app's one Prisma client, kept on globalThis. In development Next
 * reloads modules on every change (the create-t3-app habit); in production
 * Next bundles pages and route handlers apart, each with its own copy of
 * this module. Either way there must be one client, hence one SQLite
 * connection, per process: its statements take turns
 * (lib/server/sqlite-connection.ts), where two connections in one process
 * would wait on each other's locks with the event loop held, and a
 * connection opened again after a read-only spell would still share the
 * other's read-only WAL index.
 */
const globalForPrisma = globalThis as unknown as { synackPrisma?: PrismaClient };

export const db: PrismaClient = (globalForPrisma.synackPrisma ??= createPrismaClient());
