import { useCallback, useEffect, useRef, useState } from "react";
import type { GradeName } from "@/lib/srs/scheduler";
import type { ReviewCard, ReviewStatus } from "@/lib/server/review-store";
import { postAction } from "../post-action";

/*
 * The review page's queue: the card shown and the few the server said come
 * after it. A grade shows the next card at once and is sent in the
 * background, one request after another in the order given (so that undo
 * takes back the last one); each answer brings the counts and the cards
 * after the one on screen up to date, less the cards graded since. A
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
  // Cards graded here whose grade the server has not answered yet, oldest first.
  const graded = useRef<ReviewCard[]>([]);

  /**
   * What the server says, less the cards graded here since it said it: the
   * counts as they stand after those grades, and the cards after them. The
   * card on screen stays where it is (`keepShown`) unless the server's answer
   * must replace it (the first status, and undo).
   */
  const settle = useCallback((status: ReviewStatus, keepShown: boolean) => {
    const waiting = new Set(graded.current.map((card) => card.id));
    setCounts(graded.current.reduce((current, card) => afterGrade(current, card, 1), countsOf(status)));
    setQueue((current) => {
      const fresh = cardsOf(status).filter((card) => !waiting.has(card.id));
      const shown = keepShown ? current[0] : undefined;
      if (!shown) return fresh;
      return [fresh.find((card) => card.id === shown.id) ?? shown, ...fresh.filter((card) => card.id !== shown.id)];
    });
  }, []);

  // Once: a language switch re-renders the page with new texts, and the queue stays as it is.
  const title = useRef(texts.title);
  useEffect(() => {
    request(`/api/review?tz=${tz()}`).then(
      (status) => settle(status, false),
      (failed: Error) => setError(failed.message || title.current),
    );
  }, [settle]);

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
      graded.current.push(card);
      setQueue((current) => current.filter((other) => other.id !== card.id));
      setCounts((current) => current && afterGrade(current, card, 1));
      void send(async () => {
        let status: ReviewStatus | null = null;
        let failure: Error | null = null;
        try {
          status = await request("/api/review/grade", { cardId: card.id, grade: choice, tz: tz() });
        } catch (failed) {
          failure = failed as Error;
        }
        graded.current.splice(graded.current.indexOf(card), 1);
        if (status) {
          setError(null);
          settle(status, true);
        } else {
          setQueue((current) => [card, ...current.filter((other) => other.id !== card.id)]);
          setCounts((current) => current && afterGrade(current, card, -1));
          setError(`${texts.notSaved} ${failure?.message ?? ""}`.trim());
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
        settle(await request("/api/review/undo", { tz: tz() }), false);
        setError(null);
        undone = true;
      } catch (failed) {
        setError(failed instanceof RequestFailed && failed.status === 409 ? texts.nothingToUndo : (failed as Error).message || texts.title);
      }
    });
    setUndoing(false);
    return undone;
  }, [send, settle, texts]);

  return { card: queue[0] ?? null, counts, error, saving: sending > 0, undoing, grade, undo };
}
