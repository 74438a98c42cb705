// Issue 13, fault injection: LINE and Slack replies through the Worker against the
// fake platform API (tests/fake-platforms.ts) failing in every way we know of —
// 5xx, 429 with Retry-After, Slack's ok:false (transient and permanent), a hang,
// a connection reset, and the ambiguous case where the platform processed the
// call but the answer was lost. The fake records every attempt (__recorded) and
// what the platform accepted (__delivered). Short timeouts and backoff make it fast.
import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lineSignature } from '../../adapters/line/signature';
import { setOutboundDefaults, setOutboundObserver, type SendOutcome } from '../../adapters/outbound';
import { encodeAction } from '../../src/dialogue/actions';
import type { Env } from '../../src/env';
import { signedSlack } from './platform';

const worker = (exports as unknown as { default: Fetcher }).default;
const bindings = env as unknown as Env;

// Test policy: the production defaults are a 5 s timeout and 500 ms backoff base.
const TIMEOUT_MS = 300;
const RETRY_AFTER_UNIT_MS = 50;

interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: { replyToken?: string; channel?: string; text?: string };
  at: number;
}
const get = async (what: '__recorded' | '__delivered'): Promise<Recorded[]> => (await (await fetch(`http://fake.test/${what}`)).json()) as Recorded[];
const fail = (params: Record<string, string | number>) => fetch(`http://fake.test/__fail?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`, { method: 'POST' });

/** Waits for the sender's final outcome for a conversation (its key contains `id`), then reads what the fake saw. */
async function settled(id: string, match: (r: Recorded) => boolean): Promise<{ outcome: SendOutcome; attempts: Recorded[]; delivered: Recorded[] }> {
  for (let i = 0; i < 400 && !outcomes.some((o) => o.key.includes(id)); i++) await new Promise((r) => setTimeout(r, 20));
  const found = outcomes.filter((o) => o.key.includes(id));
  expect(found).toHaveLength(1);
  return { outcome: found[0]!.outcome, attempts: (await get('__recorded')).filter(match), delivered: (await get('__delivered')).filter(match) };
}
const gaps = (rs: Recorded[]) => rs.slice(1).map((r, i) => r.at - rs[i]!.at);

let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

// ── LINE ────────────────────────────────────────────────────────────────────
/** A LINE user and reply token, made before the message so that a fault can target them. */
const lineIds = () => ({ user: `U${uniq('fault').padEnd(32, '0')}`, token: uniq('token-') });
async function lineText({ token, user }: { token: string; user: string }, text = '高岡市'): Promise<void> {
  const ev = {
    replyToken: token,
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: user },
    webhookEventId: uniq('EV'),
    deliveryContext: { isRedelivery: false },
    message: { id: '1', type: 'text', quoteToken: 'q', text },
  };
  const body = JSON.stringify({ destination: 'U1', events: [ev] });
  const res = await worker.fetch('http://hojo-navi.test/webhook/line', { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': await lineSignature(body, bindings.LINE_CHANNEL_SECRET!) }, body });
  expect(res.status).toBe(200);
}
const byToken = (token: string) => (r: Recorded) => r.body?.replyToken === token;

// ── Slack ───────────────────────────────────────────────────────────────────
async function slack(path: string, body: string, contentType: string) {
  expect((await signedSlack(path, body, contentType)).status).toBe(200);
}
/** A DM to the bot: answered with chat.postMessage in that channel. */
const dmIds = () => ({ channel: uniq('D'), user: uniq('U') });
async function slackDm({ channel, user }: { channel: string; user: string }): Promise<void> {
  const ts = '1355517523.000005';
  await slack('events', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: uniq('Ev'), event: { type: 'message', channel, user, text: '高岡市', ts, event_ts: ts, channel_type: 'im' } }), 'application/json');
}
const byChannel = (channel: string) => (r: Recorded) => r.url.endsWith('/api/chat.postMessage') && r.body?.channel === channel;
/** A slash command: answered through its response_url. */
async function slashCommand(responseUrl: string, user: string): Promise<void> {
  const form = { team_id: 'T1', channel_id: uniq('C'), user_id: user, command: '/hojo', text: '高岡市 製造業', response_url: responseUrl };
  await slack('commands', new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded');
}
/** A button in an ephemeral answer: answered through the interaction's response_url. */
async function buttonClick(responseUrl: string, user: string): Promise<void> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: user },
    channel: { id: uniq('C') },
    container: { type: 'message', is_ephemeral: true },
    response_url: responseUrl,
    actions: [{ action_id: 'hojo_1', type: 'button', value: encodeAction({ type: 'employees', employees: 20 }) }],
  };
  await slack('interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
}
const byUrl = (url: string) => (r: Recorded) => r.url === url;

// The tests run concurrently: every fault targets one test's own token, channel or URL (match=…).
const errors: string[] = [];
const outcomes: { key: string; outcome: SendOutcome }[] = [];
const errorsFor = (id: string) => errors.filter((e) => e.includes(id));
beforeAll(() => {
  setOutboundDefaults({ timeoutMs: TIMEOUT_MS, baseDelayMs: 20, maxDelayMs: 80, retryAfterUnitMs: RETRY_AFTER_UNIT_MS });
  setOutboundObserver((e) => outcomes.push(e));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void errors.push(`warn: ${args.map(String).join(' ')}`));
});
afterAll(() => {
  setOutboundDefaults({});
  setOutboundObserver(undefined);
  vi.restoreAllMocks();
});

describe.concurrent('LINE reply under faults', () => {
  it('500, 500, then 200: three attempts, one reply, no X-Line-Retry-Key (LINE refuses it on reply)', async () => {
    const ids = lineIds();
    await fail({ count: 2, status: 500, match: ids.token });
    await lineText(ids);
    const { outcome, attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(outcome).toEqual({ ok: true, attempts: 3 });
    expect(attempts).toHaveLength(3);
    expect(delivered).toHaveLength(1);
    expect(attempts.every((a) => a.headers['x-line-retry-key'] === undefined)).toBe(true);
  });

  it('429 with Retry-After: waits that long, then one reply', async () => {
    const ids = lineIds();
    await fail({ count: 1, status: 429, retryAfter: 4, match: ids.token });
    await lineText(ids);
    const { attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(attempts).toHaveLength(2);
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(4 * RETRY_AFTER_UNIT_MS - 5);
    expect(delivered).toHaveLength(1);
  });

  it('a hang is cut at the timeout and retried', async () => {
    const ids = lineIds();
    await fail({ count: 1, mode: 'hang', ms: 5000, match: ids.token });
    await lineText(ids);
    const { attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(attempts).toHaveLength(2);
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(gaps(attempts)[0]).toBeLessThan(TIMEOUT_MS + 1000);
    expect(delivered).toHaveLength(1);
  });

  it('a connection reset is retried', async () => {
    const ids = lineIds();
    await fail({ count: 1, mode: 'reset', match: ids.token });
    await lineText(ids);
    const { attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(attempts).toHaveLength(2);
    expect(delivered).toHaveLength(1);
  });

  it.each(['hang', 'reset'])('processed by LINE, then a %s: the used reply token refuses the retry, and the user sees the reply once', async (mode) => {
    const ids = lineIds();
    await fail({ count: 1, mode, accept: 1, ms: 5000, match: ids.token });
    await lineText(ids);
    const { outcome, attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(attempts).toHaveLength(2);
    expect(delivered).toHaveLength(1);
    // Not an error: one warning that the earlier attempt was delivered.
    const lines = errorsFor(ids.user);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn: .*reply token already used/);
  });

  it('a 400 is not retried', async () => {
    const ids = lineIds();
    await fail({ count: 1, status: 400, match: ids.token });
    await lineText(ids);
    const { attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(attempts).toHaveLength(1);
    expect(delivered).toHaveLength(0);
    expect(errorsFor(ids.user)).toHaveLength(1);
  });

  it('gives up after 4 attempts with one log line naming the conversation', async () => {
    const ids = lineIds();
    await fail({ count: 10, status: 503, match: ids.token });
    await lineText(ids);
    const { outcome, attempts, delivered } = await settled(ids.user, byToken(ids.token));
    expect(outcome).toMatchObject({ ok: false, attempts: 4, status: 503 });
    expect(attempts).toHaveLength(4);
    expect(delivered).toHaveLength(0);
    const lines = errorsFor(ids.user);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`gave up after 4 attempt(s) for line:user:${ids.user}`);
    expect(lines[0]).toContain('HTTP 503');
  });
});

describe.concurrent('Slack chat.postMessage under faults', () => {
  it.each<[string, Record<string, string | number>]>([
    ['HTTP 500', { status: 500 }],
    ['HTTP 503', { status: 503 }],
    ['ok:false service_unavailable', { error: 'service_unavailable' }],
    ['ok:false internal_error', { error: 'internal_error' }],
    ['ok:false fatal_error', { error: 'fatal_error' }],
    ['ok:false request_timeout', { error: 'request_timeout' }],
    ['a connection reset', { mode: 'reset' }],
  ])('%s twice, then ok: three attempts, one answer', async (_name, fault) => {
    const ids = dmIds();
    await fail({ count: 2, ...fault, match: ids.channel });
    await slackDm(ids);
    const { attempts, delivered } = await settled(ids.user, byChannel(ids.channel));
    expect(attempts).toHaveLength(3);
    expect(delivered).toHaveLength(1);
  });

  it.each<[string, Record<string, string | number>]>([
    ['HTTP 429', { status: 429, retryAfter: 3 }],
    ['HTTP 429 ok:false ratelimited', { status: 429, error: 'ratelimited', retryAfter: 3 }],
    ['HTTP 200 ok:false ratelimited', { error: 'ratelimited', retryAfter: 3 }],
  ])('%s with Retry-After: waits that long, then one answer', async (_name, fault) => {
    const ids = dmIds();
    await fail({ count: 1, ...fault, match: ids.channel });
    await slackDm(ids);
    const { attempts, delivered } = await settled(ids.user, byChannel(ids.channel));
    expect(attempts).toHaveLength(2);
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(3 * RETRY_AFTER_UNIT_MS - 5);
    expect(delivered).toHaveLength(1);
  });

  it('a hang is cut at the timeout and retried', async () => {
    const ids = dmIds();
    await fail({ count: 1, mode: 'hang', ms: 5000, match: ids.channel });
    await slackDm(ids);
    const { attempts, delivered } = await settled(ids.user, byChannel(ids.channel));
    expect(attempts).toHaveLength(2);
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(gaps(attempts)[0]).toBeLessThan(TIMEOUT_MS + 1000);
    expect(delivered).toHaveLength(1);
  });

  it.each(['channel_not_found', 'invalid_auth', 'not_in_channel', 'is_archived'])('ok:false %s is permanent: one attempt, one log line', async (error) => {
    const ids = dmIds();
    await fail({ count: 1, error, match: ids.channel });
    await slackDm(ids);
    const { attempts, delivered } = await settled(ids.user, byChannel(ids.channel));
    expect(attempts).toHaveLength(1);
    expect(delivered).toHaveLength(0);
    const lines = errorsFor(ids.user);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`not retried: HTTP 200 ${error}`);
  });

  it('processed by Slack, then a hang: the retry posts again (no idempotency key: the documented trade-off)', async () => {
    const ids = dmIds();
    await fail({ count: 1, mode: 'hang', accept: 1, ms: 5000, match: ids.channel });
    await slackDm(ids);
    const { attempts, delivered } = await settled(ids.user, byChannel(ids.channel));
    expect(attempts).toHaveLength(2);
    expect(delivered).toHaveLength(2);
  });

  it('gives up after 4 attempts with one log line naming the conversation', async () => {
    const ids = dmIds();
    await fail({ count: 10, status: 502, match: ids.channel });
    await slackDm(ids);
    const { attempts } = await settled(ids.user, byChannel(ids.channel));
    expect(attempts).toHaveLength(4);
    const lines = errorsFor(ids.user);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Slack chat.postMessage gave up after 4 attempt(s) for slack:T1:im:${ids.user}`);
  });
});

describe.concurrent('Slack response_url under faults', () => {
  it('a slash command answer survives a 500 and a hang', async () => {
    const url = `http://fake.test/commands/${uniq('R')}`;
    await fail({ count: 1, status: 500, match: url });
    await fail({ count: 1, mode: 'hang', ms: 5000, match: url });
    const user = uniq('U');
    await slashCommand(url, user);
    const { attempts, delivered } = await settled(user, byUrl(url));
    expect(attempts).toHaveLength(3);
    expect(gaps(attempts)[1]).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(delivered).toHaveLength(1);
  });

  it('a button answer survives a 429 with Retry-After and a reset', async () => {
    const url = `http://fake.test/actions/${uniq('R')}`;
    await fail({ count: 1, status: 429, retryAfter: 2, match: url });
    await fail({ count: 1, mode: 'reset', match: url });
    const user = uniq('U');
    await buttonClick(url, user);
    const { attempts, delivered } = await settled(user, byUrl(url));
    expect(attempts).toHaveLength(3);
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(2 * RETRY_AFTER_UNIT_MS - 5);
    expect(delivered).toHaveLength(1);
  });

  it('an expired response_url (404 expired_url) is not retried', async () => {
    const url = `http://fake.test/commands/${uniq('R')}`;
    await fail({ count: 1, status: 404, error: 'expired_url', match: url });
    const user = uniq('U');
    await slashCommand(url, user);
    const { attempts, delivered } = await settled(user, byUrl(url));
    expect(attempts).toHaveLength(1);
    expect(delivered).toHaveLength(0);
  });
});
