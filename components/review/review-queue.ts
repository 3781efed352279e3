import { useCallback, useEffect, useRef, useState } from "react";
import type { GradeName } from "@/lib/srs/scheduler";
import type { ReviewCard, ReviewStatus } from "@/lib/server/review-store";
import { postAction } from "../post-action";

/*
 * The review page's queue: the card shown and the few the server said come
 * after it. A grade shows the next card at once and is sent in the
 * background, one request after another in the order given (so that undo
 * takes back the last one); the server's answer to the last grade in flight
 * brings the counts and the cards after the one on screen up to date. A
 * grade the server did not store puts its card back in front, with the
 * error, to be graded again: nothing is lost. Requests are sent with
 * keepalive, so leaving the page does not cancel a grade on its way.
 */

export type ReviewCounts = Omit<ReviewStatus, "card" | "upcoming">;

interface Texts {
  title: string;
  nothingToUndo: string;
  notSaved: string;
}

class RequestFailed extends Error {
  override name = "RequestFailed";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const tz = () => new Date().getTimezoneOffset();

async function request(url: string, body?: unknown): Promise<ReviewStatus> {
  // A grade or an undo carries its own Idempotency-Key and is sent again after a network error (post-action.ts).
  const response = body === undefined ? await fetch(url) : await postAction(url, body, { keepalive: true });
  const json = (await response.json().catch(() => null)) as (ReviewStatus & { error?: string }) | null;
  if (!response.ok || !json) throw new RequestFailed(json?.error ?? response.statusText, response.status);
  return json;
}

const cardsOf = (status: ReviewStatus) => (status.card ? [status.card, ...status.upcoming] : []);

function countsOf({ card: _card, upcoming: _upcoming, ...counts }: ReviewStatus): ReviewCounts {
  return counts;
}

/** The counts as they stand once `card` is graded (sign 1) or its grade is taken back (sign -1). */
function afterGrade(counts: ReviewCounts, card: ReviewCard, sign: 1 | -1): ReviewCounts {
  return {
    ...counts,
    reviewedToday: Math.max(0, counts.reviewedToday + sign),
    newLeft: card.isNew ? Math.max(0, counts.newLeft - sign) : counts.newLeft,
    dueNow: !card.isNew && !counts.dueNowCapped ? Math.max(0, counts.dueNow - sign) : counts.dueNow,
  };
}

export function useReviewQueue(texts: Texts) {
  const [queue, setQueue] = useState<ReviewCard[]>([]);
  const [counts, setCounts] = useState<ReviewCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(0);
  const [undoing, setUndoing] = useState(false);
  const inFlight = useRef(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const show = useCallback((status: ReviewStatus) => {
    setQueue(cardsOf(status));
    setCounts(countsOf(status));
  }, []);

  // Once: a language switch re-renders the page with new texts, and the queue stays as it is.
  const title = useRef(texts.title);
  useEffect(() => {
    request(`/api/review?tz=${tz()}`).then(show, (failed: Error) => setError(failed.message || title.current));
  }, [show]);

  /** The server's queue after the last grade, with the card on screen kept where it is. */
  const settle = useCallback((status: ReviewStatus) => {
    setCounts(countsOf(status));
    setQueue((current) => {
      const fresh = cardsOf(status);
      const shown = current[0];
      if (!shown) return fresh;
      return [fresh.find((card) => card.id === shown.id) ?? shown, ...fresh.filter((card) => card.id !== shown.id)];
    });
  }, []);

  const send = useCallback((work: () => Promise<void>) => {
    inFlight.current += 1;
    setSending(inFlight.current);
    const done = chain.current.then(work).finally(() => {
      inFlight.current -= 1;
      setSending(inFlight.current);
    });
    chain.current = done.catch(() => undefined);
    return done;
  }, []);

  const grade = useCallback(
    (card: ReviewCard, choice: GradeName) => {
      setQueue((current) => current.filter((other) => other.id !== card.id));
      setCounts((current) => current && afterGrade(current, card, 1));
      void send(async () => {
        try {
          const status = await request("/api/review/grade", { cardId: card.id, grade: choice, tz: tz() });
          setError(null);
          if (inFlight.current === 1) settle(status);
        } catch (failed) {
          setQueue((current) => [card, ...current.filter((other) => other.id !== card.id)]);
          setCounts((current) => current && afterGrade(current, card, -1));
          setError(`${texts.notSaved} ${(failed as Error).message}`.trim());
        }
      });
    },
    [send, settle, texts],
  );

  /** Takes back the last grade once every grade before it is stored; true when the server did. */
  const undo = useCallback(async () => {
    setUndoing(true);
    let undone = false;
    await send(async () => {
      try {
        show(await request("/api/review/undo", { tz: tz() }));
        setError(null);
        undone = true;
      } catch (failed) {
        setError(failed instanceof RequestFailed && failed.status === 409 ? texts.nothingToUndo : (failed as Error).message || texts.title);
      }
    });
    setUndoing(false);
    return undone;
  }, [send, show, texts]);

  return { card: queue[0] ?? null, counts, error, saving: sending > 0, undoing, grade, undo };
}
