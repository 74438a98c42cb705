// The global rate limits of the chat endpoints (the web chat and /api/v1/chat),
// counted by the RateLimit Durable Object (src/state/rate-limit.ts).
import type { Env } from '../env';
import type { RateLimitOutcome } from '../state/rate-limit';

/** The limits of the chat endpoints (web chat and /api/v1/chat), per minute. */
export const CHAT_LIMITS = {
  windowMs: 60_000,
  /** One client id (a browser's anonymous id, an API userId), from anywhere. */
  perId: 30,
  /** One client address, whatever ids it sends (both chat endpoints together). */
  perAddress: 60,
} as const;

/**
 * Checks the limits of one chat request: its client id and, when the runtime gives
 * one (CF-Connecting-IP, always set on Cloudflare), its address. Both are counted.
 */
export async function checkChatLimits(env: Env, channel: string, id: string, address: string | undefined): Promise<RateLimitOutcome> {
  const keys = [`id:${channel}:${id}`, ...(address ? [`addr:${address}`] : [])];
  const limits = [CHAT_LIMITS.perId, CHAT_LIMITS.perAddress];
  const outcomes = await Promise.all(keys.map((key, i) => env.RATE_LIMIT.get(env.RATE_LIMIT.idFromName(key)).hit(limits[i]!, CHAT_LIMITS.windowMs)));
  const refused = outcomes.filter((o) => !o.ok);
  return refused.length === 0 ? { ok: true, retryAfterS: 0 } : { ok: false, retryAfterS: Math.max(...refused.map((o) => o.retryAfterS)) };
}
