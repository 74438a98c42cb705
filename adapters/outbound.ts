// One outbound sender for the platform APIs (LINE's reply endpoint, Slack's
// chat.postMessage and response_url): every attempt has a timeout, and transient
// failures are retried with exponential backoff and full jitter until an attempt
// limit or an overall deadline, whichever comes first.
//
//   outcome of one attempt                        retried?
//   2xx (and the platform's own body says ok)     done
//   network error, connection reset, timeout      yes (backoff)
//   5xx                                           yes (backoff)
//   429                                           yes, after Retry-After (backoff when absent)
//   other 4xx                                     no (logged)
//   a platform verdict (see classify)             as the platform adapter says
//
// Backoff before retry n (n = 1, 2, …): a uniform random delay in
// [0, min(maxDelayMs, baseDelayMs · 2^(n-1))] ("full jitter"). A Retry-After
// longer than what is left of the deadline gives up at once instead of waiting
// for nothing. Giving up logs one line with the conversation key.
//
// Idempotence: a retry after a timeout or a reset cannot know whether the earlier
// attempt reached the platform. The platform adapters say what that means for
// them (LINE: the reply token is single-use, so a retry cannot post twice; Slack:
// no idempotency key, so a duplicate is possible, and preferred to a lost answer).

export interface OutboundPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Per-attempt timeout (ms): the whole attempt, headers and body. */
  timeoutMs: number;
  /** Backoff base (ms) and cap (ms) for full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Overall deadline (ms) measured from `startedAt`: no attempt starts or waits past it. */
  deadlineMs: number;
  /** Milliseconds per Retry-After second (1000; tests shrink it). */
  retryAfterUnitMs: number;
}

/**
 * Production defaults. The deadline is bounded by the Workers runtime: work in
 * ctx.waitUntil gets 30 s after the response is sent, and the webhooks ack first.
 */
export const DEFAULT_POLICY: OutboundPolicy = {
  maxAttempts: 4,
  timeoutMs: 5000,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  deadlineMs: 25_000,
  retryAfterUnitMs: 1000,
};

let overrides: Partial<OutboundPolicy> = {};

/**
 * Replaces parts of the default policy for this isolate (tests: short timeouts
 * and backoff against the fake platform API). Call with {} to restore.
 */
export function setOutboundDefaults(p: Partial<OutboundPolicy>): void {
  overrides = { ...p };
}

export type OutboundObserver = (e: { what: string; key: string; outcome: SendOutcome }) => void;
let observer: OutboundObserver | undefined;

/** Tests: be told of every send's final outcome (after its last attempt). */
export function setOutboundObserver(o: OutboundObserver | undefined): void {
  observer = o;
}

export function outboundPolicy(p: Partial<OutboundPolicy> = {}): OutboundPolicy {
  return { ...DEFAULT_POLICY, ...overrides, ...p };
}

/** What one attempt's response means. */
export type Verdict =
  /** body: what the platform answered, when the caller needs it (Slack chat.postMessage's ts). */
  | { kind: 'ok'; note?: string; body?: unknown }
  /** rejected: the platform says it did not act on the request (a rate limit), so a retry cannot duplicate. */
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number; rejected?: boolean }
  | { kind: 'fail'; reason: string; status?: number };

export interface AttemptContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** An earlier attempt ended without a verdict (timeout, reset, network error, 5xx): it may have reached the platform. */
  ambiguousBefore: boolean;
}

export type SendOutcome =
  | { ok: true; attempts: number; note?: string; body?: unknown }
  | { ok: false; attempts: number; status?: number; reason: string };

export interface OutboundRequest {
  /** For the log line: "LINE reply", "Slack chat.postMessage", … */
  what: string;
  /** The conversation key, for the log line. */
  key: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Reads a response (its body included) into a verdict; the default is HTTP status only. */
  classify?: (res: Response, ctx: AttemptContext, unitMs: number) => Promise<Verdict>;
  /** When the deadline starts (ms since epoch): the webhook's receipt. Default: now. */
  startedAt?: number;
  policy?: Partial<OutboundPolicy>;
  /** Injection points for tests. */
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After as delta-seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number, unitMs = 1000): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * unitMs;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Full jitter: uniform in [0, min(cap, base · 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: Pick<OutboundPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** The default verdict from the HTTP status alone. */
export function statusVerdict(res: Response, unitMs = 1000, now = Date.now()): Verdict {
  if (res.ok) return { kind: 'ok' };
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now, unitMs);
    return { kind: 'retry', reason: 'HTTP 429', status: 429, rejected: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (res.status >= 500) return { kind: 'retry', reason: `HTTP ${res.status}`, status: res.status };
  return { kind: 'fail', reason: `HTTP ${res.status}`, status: res.status };
}

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`timeout after ${ms} ms`);
  }
}

/** Runs fn with an AbortSignal that fires after ms; rejects with AttemptTimeout then, even if fn ignores the signal. */
async function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new AttemptTimeout(ms));
      reject(new AttemptTimeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([fn(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function sendOutbound(req: OutboundRequest): Promise<SendOutcome> {
  const outcome = await attempts(req);
  observer?.({ what: req.what, key: req.key, outcome });
  return outcome;
}

async function attempts(req: OutboundRequest): Promise<SendOutcome> {
  const policy = outboundPolicy(req.policy);
  const now = req.now ?? Date.now;
  const random = req.random ?? Math.random;
  const sleep = req.sleep ?? realSleep;
  const doFetch = req.fetch ?? fetch;
  const deadline = (req.startedAt ?? now()) + policy.deadlineMs;
  const classify = req.classify ?? (async (res: Response, _ctx: AttemptContext, unitMs: number) => statusVerdict(res, unitMs, now()));

  let ambiguousBefore = false;
  let last: Extract<Verdict, { kind: 'retry' }> = { kind: 'retry', reason: 'deadline passed before the first attempt' };
  const giveUp = (attempts: number, reason: string, status?: number): SendOutcome => {
    console.error(`${req.what} gave up after ${attempts} attempt(s) for ${req.key}: ${reason}`);
    return { ok: false, attempts, reason, ...(status !== undefined ? { status } : {}) };
  };

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const left = deadline - now();
    if (left <= 0) return giveUp(attempt - 1, `deadline passed (last: ${last.reason})`, last.status);
    const timeoutMs = Math.min(policy.timeoutMs, left);
    let verdict: Verdict;
    try {
      verdict = await withTimeout(timeoutMs, async (signal) => {
        const res = await doFetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal });
        try {
          return await classify(res, { attempt, ambiguousBefore }, policy.retryAfterUnitMs);
        } finally {
          // Whatever classify did not read is released (a no-op once read).
          await res.body?.cancel().catch(() => {});
        }
      });
    } catch (err) {
      const reason = err instanceof AttemptTimeout ? err.message : `network error: ${err instanceof Error ? err.message : String(err)}`;
      verdict = { kind: 'retry', reason };
    }

    if (verdict.kind === 'ok') {
      if (verdict.note) console.warn(`${req.what} for ${req.key}: ${verdict.note}`);
      return { ok: true, attempts: attempt, ...(verdict.note ? { note: verdict.note } : {}), ...(verdict.body !== undefined ? { body: verdict.body } : {}) };
    }
    if (verdict.kind === 'fail') {
      console.error(`${req.what} rejected for ${req.key}, not retried: ${verdict.reason}`);
      return { ok: false, attempts: attempt, reason: verdict.reason, ...(verdict.status !== undefined ? { status: verdict.status } : {}) };
    }
    last = verdict;
    // Only a rate limit is known not to have been acted on; anything else may have been.
    if (!verdict.rejected) ambiguousBefore = true;
    if (attempt === policy.maxAttempts) break;
    const delay = verdict.retryAfterMs ?? backoffDelay(attempt, policy, random);
    if (now() + delay >= deadline) {
      const why = verdict.retryAfterMs !== undefined ? `Retry-After ${verdict.retryAfterMs} ms runs past the deadline` : 'the deadline is too close for another attempt';
      return giveUp(attempt, `${verdict.reason}; ${why}`, verdict.status);
    }
    await sleep(delay);
  }
  return giveUp(policy.maxAttempts, last.reason, last.status);
}
