import type { AcceptQueue } from "./types";

/*
 * A listener's accept queue, as Linux keeps it. RFC 9293 has none: a passive
 * OPEN yields one TCB per connection, and how many finished connections may
 * wait for the application is the sockets API's listen backlog.
 */

export interface AcceptQueueState {
  backlog: number;
  queued: number;
  abortOnOverflow: boolean;
}

export function acceptQueueState(queue: AcceptQueue): AcceptQueueState {
  return { backlog: queue.backlog, queued: queue.queued, abortOnOverflow: queue.abortOnOverflow ?? false };
}

/**
 * include/net/sock.h: sk_acceptq_is_full is `sk_ack_backlog > sk_max_ack_backlog`:
 * full once the queue holds more than the backlog, so a backlog of N holds N + 1.
 */
export function isFull(queue: AcceptQueueState): boolean {
  return queue.queued > queue.backlog;
}

/** "2 connections wait for accept(), backlog 1". */
export function describeQueue(queue: AcceptQueueState): string {
  return `${queue.queued} ${queue.queued === 1 ? "connection waits" : "connections wait"} for accept(), backlog ${queue.backlog}`;
}
