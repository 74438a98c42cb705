// Sending the reply with the reply token: POST {base}/v2/bot/message/reply with plain
// fetch (LINE_API_BASE_URL points it at a local fake server in tests). 5xx, network
// errors and timeouts are retried with backoff while the reply token is still valid;
// 4xx are logged and not retried (an expired or used token must not become an error
// storm). @line/bot-sdk's client is not in the Worker: it added 24 KiB to the bundle
// and ~0.8 ms of CPU per reply under load (see BENCHMARKS.md); Node tools still use it.
import type { messagingApi } from '@line/bot-sdk';

export interface RetryPolicy {
  attempts: number;
  /** Delay before retry n (ms). */
  backoffMs: (n: number) => number;
  /** Per-attempt timeout (ms). */
  timeoutMs: number;
  /** The reply token is used within this window of receiving the event. */
  tokenValidMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  backoffMs: (n) => 500 * 3 ** (n - 1),
  timeoutMs: 5000,
  tokenValidMs: 50_000,
};

export const LINE_API_BASE_URL = 'https://api.line.me';

export type SendOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; status?: number; reason: string };

/** A non-2xx answer from the LINE API. */
export class LineApiError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`LINE API ${status}: ${body.slice(0, 300)}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Rejects with 「timeout」 when the signal aborts (no timer to clear on the happy path). */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }));
}

export async function sendWithRetry(send: (signal: AbortSignal) => Promise<unknown>, receivedAt: number, policy: RetryPolicy = DEFAULT_RETRY, now = Date.now): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const signal = AbortSignal.timeout(policy.timeoutMs);
      await Promise.race([send(signal), whenAborted(signal)]);
      return { ok: true, attempts: attempt };
    } catch (err) {
      const status = statusOf(err);
      const reason = err instanceof Error ? err.message : String(err);
      if (status !== undefined && status < 500) {
        console.warn(`LINE reply rejected (${status}); not retried: ${reason}`);
        return { ok: false, attempts: attempt, status, reason };
      }
      const delay = policy.backoffMs(attempt);
      if (attempt >= policy.attempts || now() + delay > receivedAt + policy.tokenValidMs) {
        console.error(`LINE reply failed after ${attempt} attempt(s): ${reason}`);
        return { ok: false, attempts: attempt, ...(status !== undefined ? { status } : {}), reason };
      }
      await sleep(delay);
    }
  }
}

export interface ReplyRequest {
  channelAccessToken: string;
  baseURL?: string | undefined;
  replyToken: string;
  messages: messagingApi.Message[];
}

/** One call of the reply endpoint; throws LineApiError on a non-2xx answer. */
export async function replyMessage(req: ReplyRequest, signal?: AbortSignal): Promise<void> {
  const res = await fetch(new URL('/v2/bot/message/reply', req.baseURL ?? LINE_API_BASE_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${req.channelAccessToken}` },
    body: JSON.stringify({ replyToken: req.replyToken, messages: req.messages }),
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw new LineApiError(res.status, await res.text());
  await res.body?.cancel();
}
