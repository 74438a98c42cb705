// Sending the reply with the reply token, through @line/bot-sdk's MessagingApiClient
// (LINE_API_BASE_URL points it at a local fake server in tests). 5xx and timeouts
// are retried with backoff while the reply token is still valid; 4xx are logged
// and not retried (an expired or used token must not become an error storm).
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

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

export type SendOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; status?: number; reason: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statusOf(err: unknown): number | undefined {
  if (err instanceof HTTPFetchError) return err.status;
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

export async function sendWithRetry(send: () => Promise<unknown>, receivedAt: number, policy: RetryPolicy = DEFAULT_RETRY, now = Date.now): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([send(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), policy.timeoutMs)))]);
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
    } finally {
      clearTimeout(timer);
    }
  }
}

export function lineClient(channelAccessToken: string, baseURL?: string): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken, ...(baseURL ? { baseURL } : {}) });
}
