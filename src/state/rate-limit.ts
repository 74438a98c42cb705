// A global rate limit: one Durable Object per limited key (a client address, or a
// channel + client id), so every isolate and every location counts against the same
// window. A sliding window of hit times is kept in the object's memory: an object
// that is evicted has been idle, so its window has run out anyway. No storage is
// written, so a check costs one round trip to the object and nothing more.
//
// (The Workers rate-limiting binding runs under wrangler dev and vitest too, but it
// counts per Cloudflare location, eventually consistently, and says nothing of when
// to retry: this object counts exactly and gives the Retry-After.)
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

export interface RateLimitOutcome {
  ok: boolean;
  /** Seconds until the oldest hit in the window leaves it (0 when ok). */
  retryAfterS: number;
}

export class RateLimit extends DurableObject<Env> {
  /** Hit times (ms), oldest first; never more than the largest limit asked for. */
  private hits: number[] = [];

  /** Counts one hit unless `limit` hits already fall within the last `windowMs`. */
  hit(limit: number, windowMs: number): RateLimitOutcome {
    const now = Date.now();
    let first = 0;
    while (first < this.hits.length && now - this.hits[first]! >= windowMs) first++;
    if (first > 0) this.hits = this.hits.slice(first);
    if (this.hits.length >= limit) return { ok: false, retryAfterS: Math.max(1, Math.ceil((this.hits[0]! + windowMs - now) / 1000)) };
    this.hits.push(now);
    return { ok: true, retryAfterS: 0 };
  }
}
