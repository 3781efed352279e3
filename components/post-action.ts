/*
 * One learner action (a grade, an answer, a new quiz) sent as a POST with
 * its own Idempotency-Key. When the network fails before an answer arrives
 * the action may or may not have been stored, so it is sent again with the
 * same key: the server stores it once and answers the retry from its record
 * (lib/server/idempotency.ts). An answer, whatever its status, is final.
 */

const ATTEMPTS = 3;

/** A random UUID (v4). crypto.randomUUID exists only on HTTPS and localhost; getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `keepalive`: the request outlives the page (a grade sent as the learner leaves). */
export async function postAction(url: string, body: unknown, { keepalive = false }: { keepalive?: boolean } = {}): Promise<Response> {
  const init = { method: "POST", headers: { "content-type": "application/json", "idempotency-key": newIdempotencyKey() }, body: JSON.stringify(body), keepalive };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
