import { z } from "zod";
import { jsonError } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { exportDecks } from "@/lib/server/instructor-interchange";
import { instructorApi } from "@/lib/server/instructor-quiz-api";
import { issueFields } from "@/lib/server/request-body";

const querySchema = z.strictObject({
  deck: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "deck must be a deck id (kebab-case)").max(100).optional(),
  lang: z.enum(["zh", "en", "both"], { error: "lang must be zh, en or both" }).default("both"),
});

/** GET /api/instructor/decks/export[?deck=ID][&lang=zh|en|both]: the flashcards in Anki's text import format, an attachment. */
export async function GET(request: Request) {
  return instructorApi("export decks", async () => {
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return jsonError(400, "the query is not valid", issueFields(query.error.issues));
    const file = await exportDecks(db, query.data.deck, query.data.lang);
    if (!file) return jsonError(404, `no deck "${query.data.deck}"`);
    return new Response(file.text, {
      headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
    });
  });
}
