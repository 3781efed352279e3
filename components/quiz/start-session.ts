import { postAction } from "../post-action";

/** Asks the server for a new quiz or interview; the id to open, or the error to show. */
export async function startSession(config: Record<string, unknown>): Promise<{ id: string } | { status: number; error: string }> {
  const reply = await postAction("/api/sessions", config);
  const body = (await reply.json()) as { id?: string; error?: string };
  return reply.ok && body.id ? { id: body.id } : { status: reply.status, error: body.error ?? "error" };
}
