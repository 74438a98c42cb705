// Posting answers: chat.postMessage (chat.update, views.publish) to SLACK_API_BASE_URL (default https://slack.com/api/)
// with the bot token, or a POST to an interaction's response_url. Plain fetch: the
// Slack SDKs do not run in workerd. Both go through the one outbound sender
// (../outbound.ts): a 5 s timeout per attempt, retries with full-jitter backoff on
// 5xx, network errors, timeouts and 429 (after Retry-After), until 4 attempts or
// 25 s (ctx.waitUntil's 30 s; response_url itself is valid 30 minutes, for 5 uses).
//
// Slack answers most errors with HTTP 200 and {ok: false, error}. Transient ones
// (ratelimited, service_unavailable, internal_error, fatal_error, request_timeout)
// are retried; every other error (channel_not_found, invalid_auth, not_in_channel,
// expired_url, …) is permanent and logged once.
//
// Idempotence trade-off: Slack has no idempotency key for chat.postMessage or
// response_url. A retry after a timeout or a reset (the request may have been
// posted, only the answer was lost) can show the answer twice. We retry anyway:
// a repeated answer is visible and harmless, a lost one leaves the user waiting.
// 429 and ratelimited are safe (Slack did not post).
import type { Env } from '../../src/env';
import { parseRetryAfter, sendOutbound, statusVerdict, type OutboundPolicy, type SendOutcome, type Verdict } from '../outbound';

/** Slack errors worth another attempt; any other `ok: false` is permanent. */
export const SLACK_TRANSIENT_ERRORS = new Set(['ratelimited', 'service_unavailable', 'internal_error', 'fatal_error', 'request_timeout']);

export interface SendOptions {
  /** The conversation key, for the one log line when the answer is given up. */
  key: string;
  /** When the request was received (ms since epoch); default: now. */
  receivedAt?: number;
  policy?: Partial<OutboundPolicy>;
}

async function classifySlack(res: Response, _ctx: unknown, unitMs: number): Promise<Verdict> {
  const byStatus = statusVerdict(res, unitMs);
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    // The connection dropped mid-answer: Slack may or may not have posted. Retried (see above).
    return { kind: 'retry', reason: `network error reading the answer: ${err instanceof Error ? err.message : String(err)}`, status: res.status };
  }
  let body: { ok?: unknown; error?: unknown } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // response_url may answer plain text; the status decides then
  }
  const error = body && body.ok === false && typeof body.error === 'string' ? body.error : undefined;
  if (error === undefined) return byStatus.kind === 'ok' ? { ...byStatus, ...(body !== undefined ? { body } : {}) } : { ...byStatus, reason: `${byStatus.reason} ${text.slice(0, 200)}`.trim() };
  const reason = `HTTP ${res.status} ${error}`;
  if (SLACK_TRANSIENT_ERRORS.has(error)) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now(), unitMs);
    return { kind: 'retry', reason, status: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(error === 'ratelimited' ? { rejected: true } : {}) };
  }
  // A 5xx stays retryable whatever the body says; any other permanent error is final.
  if (byStatus.kind === 'retry') return { ...byStatus, reason };
  return { kind: 'fail', reason, status: res.status };
}

function send(what: string, url: string, headers: Record<string, string>, message: unknown, opts: SendOptions): Promise<SendOutcome> {
  return sendOutbound({
    what,
    key: opts.key,
    url,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(message),
    classify: classifySlack,
    ...(opts.receivedAt !== undefined ? { startedAt: opts.receivedAt } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
}

/** A Web API method (chat.postMessage, chat.update, views.publish) with the bot token. */
export async function callApi(env: Env, method: string, body: unknown, opts: SendOptions): Promise<SendOutcome> {
  if (!env.SLACK_BOT_TOKEN) {
    console.error('SLACK_BOT_TOKEN is not set: Slack replies are not sent. Set it with `wrangler secret put SLACK_BOT_TOKEN`.');
    return { ok: false, attempts: 0, reason: 'SLACK_BOT_TOKEN is not set' };
  }
  const base = env.SLACK_API_BASE_URL ?? 'https://slack.com/api/';
  return send(`Slack ${method}`, `${base.replace(/\/?$/, '/')}${method}`, { authorization: `Bearer ${env.SLACK_BOT_TOKEN}` }, body, opts);
}

/**
 * How a Slack user is named to people outside Slack: their display name, else their full
 * name (users.info, scope users:read; form-encoded, which every Web API method accepts).
 * Undefined when Slack does not say.
 */
export async function displayName(env: Env, user: string, opts: SendOptions): Promise<string | undefined> {
  if (!env.SLACK_BOT_TOKEN) return undefined;
  const base = env.SLACK_API_BASE_URL ?? 'https://slack.com/api/';
  const r = await sendOutbound({
    what: 'Slack users.info',
    key: opts.key,
    url: `${base.replace(/\/?$/, '/')}users.info`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${env.SLACK_BOT_TOKEN}` },
    body: new URLSearchParams({ user }).toString(),
    classify: classifySlack,
    policy: { maxAttempts: 2, deadlineMs: 5_000, ...opts.policy },
  });
  const profile = r.ok ? (r.body as { user?: { real_name?: unknown; profile?: { display_name?: unknown; real_name?: unknown } } } | undefined)?.user : undefined;
  const name = [profile?.profile?.display_name, profile?.profile?.real_name, profile?.real_name].find((n): n is string => typeof n === 'string' && n.trim() !== '');
  return name?.trim().slice(0, 50);
}

export function postMessage(env: Env, message: { channel: string; thread_ts?: string; text: string; blocks: unknown[] }, opts: SendOptions): Promise<SendOutcome> {
  return callApi(env, 'chat.postMessage', message, opts);
}

export function respond(
  responseUrl: string,
  message: { text: string; blocks: unknown[]; response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean; thread_ts?: string },
  opts: SendOptions,
): Promise<SendOutcome> {
  return send('Slack response_url', responseUrl, {}, message, opts);
}
