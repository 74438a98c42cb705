// The one outbound sender (adapters/outbound.ts) in Node, with injected fetch,
// clock, jitter and sleep: the retry policy, Retry-After, the deadline, the
// timeout, the one log line; then LINE's and Slack's verdicts on their answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replyMessage } from '../../adapters/line/reply';
import { backoffDelay, DEFAULT_POLICY, parseRetryAfter, sendOutbound, type OutboundRequest } from '../../adapters/outbound';
import { postMessage, respond, SLACK_TRANSIENT_ERRORS } from '../../adapters/slack/send';
import type { Env } from '../../src/env';

type Step = Response | Error | 'hang';

/** A scripted platform: each call takes the next step; records the calls. */
function script(steps: Step[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const step = steps.shift() ?? Response.json({ ok: true });
    if (step === 'hang') {
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    if (step instanceof Error) throw step;
    return step;
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

/** A virtual clock: sleep advances it at once. */
function clock(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    advance: (ms: number) => (t += ms),
  };
}

const base = (over: Partial<OutboundRequest> & { fetch: typeof fetch }): OutboundRequest => ({
  what: 'Test send',
  key: 'test:conv:1',
  url: 'https://api.example/send',
  headers: {},
  body: '{}',
  random: () => 1, // the top of the jitter range, so delays are predictable
  ...over,
});

let errors: string[];
let warnings: string[];
beforeEach(() => {
  errors = [];
  warnings = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.map(String).join(' ')));
  vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void warnings.push(a.map(String).join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('policy building blocks', () => {
  it('production defaults: 5 s per attempt, 4 attempts, a 25 s deadline (ctx.waitUntil has 30 s)', () => {
    expect(DEFAULT_POLICY).toMatchObject({ timeoutMs: 5000, maxAttempts: 4, deadlineMs: 25_000, baseDelayMs: 500 });
  });

  it('full jitter: uniform in [0, min(cap, base·2^(n-1))]', () => {
    const p = { baseDelayMs: 500, maxDelayMs: 8000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0.999999))).toEqual([499, 999, 1999, 3999, 7999, 7999]);
    expect(backoffDelay(3, p, () => 0)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2, p);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1000);
    }
  });

  it('Retry-After: delta-seconds or an HTTP date; garbage is ignored', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('2', now, 10)).toBe(20);
  });
});

describe('sendOutbound', () => {
  it('retries 5xx and network errors with growing jittered backoff, then succeeds', async () => {
    const { calls, fetchFn } = script([new Response('', { status: 502 }), new TypeError('fetch failed'), new Response('', { status: 503 }), Response.json({})]);
    const c = clock();
    const outcome = await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep }));
    expect(outcome).toEqual({ ok: true, attempts: 4 });
    expect(calls).toHaveLength(4);
    expect(c.sleeps).toEqual([500, 1000, 2000]);
    expect(errors).toEqual([]);
  });

  it('honours Retry-After on 429 instead of the backoff', async () => {
    const { fetchFn } = script([new Response('', { status: 429, headers: { 'retry-after': '7' } }), Response.json({})]);
    const c = clock();
    expect(await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep }))).toEqual({ ok: true, attempts: 2 });
    expect(c.sleeps).toEqual([7000]);
  });

  it('429 without Retry-After backs off like a 5xx', async () => {
    const { fetchFn } = script([new Response('', { status: 429 }), Response.json({})]);
    const c = clock();
    await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep }));
    expect(c.sleeps).toEqual([500]);
  });

  it('gives up at once when Retry-After runs past the deadline, with one log line naming the conversation', async () => {
    const { calls, fetchFn } = script([new Response('', { status: 429, headers: { 'retry-after': '60' } })]);
    const c = clock();
    const outcome = await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep }));
    expect(outcome).toMatchObject({ ok: false, attempts: 1, status: 429 });
    expect(calls).toHaveLength(1);
    expect(c.sleeps).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Test send gave up after 1 attempt\(s\) for test:conv:1: HTTP 429; Retry-After 60000 ms runs past the deadline/);
  });

  it.each([400, 401, 403, 404, 409, 413])('does not retry %i', async (status) => {
    const { calls, fetchFn } = script([new Response('nope', { status })]);
    const outcome = await sendOutbound(base({ fetch: fetchFn }));
    expect(outcome).toMatchObject({ ok: false, attempts: 1, status });
    expect(calls).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('test:conv:1');
  });

  it('stops at maxAttempts with one log line', async () => {
    const { calls, fetchFn } = script(Array.from({ length: 10 }, () => new Response('', { status: 500 })));
    const c = clock();
    const outcome = await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep }));
    expect(outcome).toMatchObject({ ok: false, attempts: 4, status: 500, reason: 'HTTP 500' });
    expect(calls).toHaveLength(4);
    expect(errors).toEqual(['Test send gave up after 4 attempt(s) for test:conv:1: HTTP 500']);
  });

  it('counts the deadline from startedAt (the webhook receipt): no attempt starts after it', async () => {
    const { calls, fetchFn } = script([]);
    const c = clock();
    const outcome = await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep, startedAt: c.now() - 26_000 }));
    expect(outcome).toMatchObject({ ok: false, attempts: 0 });
    expect(calls).toHaveLength(0);
  });

  it('does not sleep past the deadline', async () => {
    const { calls, fetchFn } = script([new Response('', { status: 500 }), new Response('', { status: 500 })]);
    const c = clock();
    // 24.8 s of the 25 s are gone; the first backoff (500 ms) would end past the deadline.
    const outcome = await sendOutbound(base({ fetch: fetchFn, now: c.now, sleep: c.sleep, startedAt: c.now() - 24_800 }));
    expect(outcome).toMatchObject({ ok: false, attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(errors[0]).toContain('the deadline is too close for another attempt');
  });

  it('cuts a hung attempt at the timeout, aborting its fetch, and retries', async () => {
    const { calls, fetchFn } = script(['hang', Response.json({})]);
    const started = Date.now();
    const outcome = await sendOutbound(base({ fetch: fetchFn, policy: { timeoutMs: 40, baseDelayMs: 1 } }));
    expect(outcome).toEqual({ ok: true, attempts: 2 });
    expect(calls[0]!.init.signal!.aborted).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cuts a hang in the body too (the whole attempt is timed)', async () => {
    const stalled = new Response(new ReadableStream({ start() {} }), { status: 200 });
    const { fetchFn } = script([stalled, Response.json({})]);
    const outcome = await sendOutbound(
      base({ fetch: fetchFn, policy: { timeoutMs: 40, baseDelayMs: 1 }, classify: async (res) => (await res.text(), { kind: 'ok' }) }),
    );
    expect(outcome).toEqual({ ok: true, attempts: 2 });
  });

  it('the timeout of an attempt never runs past the deadline', async () => {
    const { fetchFn } = script(['hang']);
    const started = Date.now();
    const outcome = await sendOutbound(base({ fetch: fetchFn, policy: { timeoutMs: 5000, deadlineMs: 60 } }));
    expect(outcome.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('works with fake timers (no real waiting)', async () => {
    vi.useFakeTimers();
    try {
      const { calls, fetchFn } = script(['hang', new Response('', { status: 503 }), Response.json({})]);
      const pending = sendOutbound(base({ fetch: fetchFn }));
      await vi.advanceTimersByTimeAsync(5000); // the first attempt times out
      await vi.advanceTimersByTimeAsync(500); // backoff 1
      await vi.advanceTimersByTimeAsync(1000); // backoff 2
      expect(await pending).toEqual({ ok: true, attempts: 3 });
      expect(calls).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('LINE reply', () => {
  const req = { channelAccessToken: 'tok', baseURL: 'http://line.test', replyToken: 'rt-1', messages: [{ type: 'text' as const, text: 'hi' }] };
  const opts = { key: 'line:user:U1', receivedAt: Date.now(), policy: { timeoutMs: 40, baseDelayMs: 1, maxDelayMs: 2 } };

  it('posts to the reply endpoint with the token, and no X-Line-Retry-Key (LINE answers 400 to it there)', async () => {
    const { calls, fetchFn } = script([Response.json({ sentMessages: [] })]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await replyMessage(req, opts)).toEqual({ ok: true, attempts: 1 });
    expect(calls[0]!.url).toBe('http://line.test/v2/bot/message/reply');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('x-line-retry-key');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ replyToken: 'rt-1', messages: req.messages });
  });

  it('"Invalid reply token" after a timed-out attempt: delivered by that attempt (a warning, not an error)', async () => {
    const { calls, fetchFn } = script(['hang', Response.json({ message: 'Invalid reply token' }, { status: 400 })]);
    vi.stubGlobal('fetch', fetchFn);
    const outcome = await replyMessage(req, opts);
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(calls).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('line:user:U1');
  });

  it('"Invalid reply token" on the first attempt (expired): an error, not retried', async () => {
    const { calls, fetchFn } = script([Response.json({ message: 'Invalid reply token' }, { status: 400 })]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await replyMessage(req, opts)).toMatchObject({ ok: false, attempts: 1, status: 400 });
    expect(calls).toHaveLength(1);
    expect(errors[0]).toContain('Invalid reply token');
  });

  it('"Invalid reply token" after a 429 (not processed by LINE) stays an error', async () => {
    const { fetchFn } = script([new Response('', { status: 429, headers: { 'retry-after': '0' } }), Response.json({ message: 'Invalid reply token' }, { status: 400 })]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await replyMessage(req, opts)).toMatchObject({ ok: false, attempts: 2, status: 400 });
  });
});

describe('Slack answers', () => {
  const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_BASE_URL: 'http://slack.test/api' } as Env;
  const message = { channel: 'C1', text: 'hi', blocks: [] };
  const opts = { key: 'slack:T1:im:U1', policy: { timeoutMs: 40, baseDelayMs: 1, maxDelayMs: 2, retryAfterUnitMs: 1 } };
  const slackError = (error: string, status = 200, headers: Record<string, string> = {}) => Response.json({ ok: false, error }, { status, headers });

  it.each([...SLACK_TRANSIENT_ERRORS])('ok:false %s is retried', async (error) => {
    const { calls, fetchFn } = script([slackError(error), Response.json({ ok: true })]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await postMessage(env, message, opts)).toEqual({ ok: true, attempts: 2, body: { ok: true } });
    expect(calls[0]!.url).toBe('http://slack.test/api/chat.postMessage');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer xoxb-1');
  });

  it('ok:false ratelimited honours Retry-After (even with HTTP 200)', async () => {
    const { fetchFn } = script([slackError('ratelimited', 200, { 'retry-after': '30' }), Response.json({ ok: true })]);
    vi.stubGlobal('fetch', fetchFn);
    const started = Date.now();
    // Retry-After: 30 (seconds), scaled to 2 ms a second here: a 60 ms wait, where the backoff would be ≤ 2 ms.
    expect(await postMessage(env, message, { ...opts, policy: { ...opts.policy, retryAfterUnitMs: 2 } })).toEqual({ ok: true, attempts: 2, body: { ok: true } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it.each(['channel_not_found', 'invalid_auth', 'not_in_channel', 'is_archived', 'msg_too_long', 'invalid_blocks'])('ok:false %s is permanent', async (error) => {
    const { calls, fetchFn } = script([slackError(error)]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await postMessage(env, message, opts)).toMatchObject({ ok: false, attempts: 1, reason: `HTTP 200 ${error}` });
    expect(calls).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('slack:T1:im:U1');
  });

  it('a 5xx is retried whatever its body says', async () => {
    const { calls, fetchFn } = script([slackError('channel_not_found', 503), Response.json({ ok: true })]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await postMessage(env, message, opts)).toEqual({ ok: true, attempts: 2, body: { ok: true } });
    expect(calls).toHaveLength(2);
  });

  it('an answer cut mid-body is retried (Slack may have posted: the documented trade-off)', async () => {
    const broken = new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"ok":'));
          c.error(new Error('socket hang up'));
        },
      }),
      { status: 200 },
    );
    const { fetchFn } = script([broken, Response.json({ ok: true })]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await postMessage(env, message, opts)).toEqual({ ok: true, attempts: 2, body: { ok: true } });
  });

  it('response_url: plain "ok" is success; 404 expired_url / used_url are permanent', async () => {
    const { fetchFn } = script([new Response('ok'), slackError('expired_url', 404), slackError('used_url', 404)]);
    vi.stubGlobal('fetch', fetchFn);
    const url = 'https://hooks.slack.test/commands/1/2';
    expect(await respond(url, message, opts)).toEqual({ ok: true, attempts: 1 });
    expect(await respond(url, message, opts)).toMatchObject({ ok: false, attempts: 1, status: 404 });
    expect(await respond(url, message, opts)).toMatchObject({ ok: false, attempts: 1, status: 404 });
  });

  it('no bot token: nothing is sent, the outcome says why', async () => {
    const { calls, fetchFn } = script([]);
    vi.stubGlobal('fetch', fetchFn);
    expect(await postMessage({} as Env, message, opts)).toMatchObject({ ok: false, attempts: 0 });
    expect(calls).toHaveLength(0);
  });
});

