import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled } from "@/lib/server/api-response";

/**
 * GET /api/health: 200 {database: "ok"} when the database can be read, else
 * the 503 naming what is wrong with it (lib/server/api-response.ts). The
 * error page asks it what to tell the learner; a load balancer may too.
 */
export async function GET() {
  return handled("health", async () => {
    // A table, not SELECT 1: SQLite opens the file only when a statement needs it.
    await db.contentLoad.count();
    return NextResponse.json({ database: "ok" }, { headers: { "cache-control": "no-store" } });
  });
}
