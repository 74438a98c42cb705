// Sending the reply with the reply token: POST {base}/v2/bot/message/reply with plain
// fetch (LINE_API_BASE_URL points it at a local fake server in tests), through the
// one outbound sender (../outbound.ts): a 5 s timeout per attempt; 5xx, 429
// (after Retry-After), network errors and timeouts retried with full-jitter backoff
// until the deadline measured from the webhook's receipt (the reply token expires,
// and ctx.waitUntil gets 30 s); other 4xx are logged and not retried (an expired
// or used token must not become an error storm). @line/bot-sdk's client is not in
// the Worker: it added 24 KiB to the bundle and ~0.8 ms of CPU per reply under
// load (see BENCHMARKS.md); Node tools still use it.
//
// Idempotence: no X-Line-Retry-Key here. LINE accepts that header only on push,
// multicast, narrowcast and broadcast, and answers 400 to it on any other endpoint
// (developers.line.biz/en/docs/messaging-api/retrying-api-request/), so it would
// lose every reply. The reply token does the same job: it can be used once, so a
// retry after an attempt that reached LINE but timed out on the way back gets
// 400 "Invalid reply token" and cannot post twice. A 400 after such an ambiguous
// attempt is therefore read as "delivered by the earlier attempt" (logged as a
// warning, not retried); LINE does not tell the two 400s apart, but the deadline
// keeps us well inside the token's validity.
import type { messagingApi } from '@line/bot-sdk';
import { sendOutbound, statusVerdict, type OutboundPolicy, type SendOutcome, type Verdict } from '../outbound';

export const LINE_API_BASE_URL = 'https://api.line.me';

export interface ReplyRequest {
  channelAccessToken: string;
  baseURL?: string | undefined;
  replyToken: string;
  messages: messagingApi.Message[];
}

export interface ReplyOptions {
  /** The conversation key, for the one log line when the reply is given up. */
  key: string;
  /** When the webhook was received (ms since epoch): the deadline counts from here. */
  receivedAt: number;
  policy?: Partial<OutboundPolicy>;
}

async function classifyLine(res: Response, ctx: { ambiguousBefore: boolean }, unitMs: number): Promise<Verdict> {
  const verdict = statusVerdict(res, unitMs);
  if (verdict.kind !== 'fail') return verdict;
  const text = (await res.text().catch(() => '')).slice(0, 300);
  if (res.status === 400 && ctx.ambiguousBefore && /reply token/i.test(text)) {
    return { kind: 'ok', note: `reply token already used: an earlier attempt that timed out or failed was delivered (${text})` };
  }
  return { ...verdict, reason: `HTTP ${res.status}: ${text}` };
}

/** Sends the reply, retrying transient failures; never throws. */
export function replyMessage(req: ReplyRequest, opts: ReplyOptions): Promise<SendOutcome> {
  return sendOutbound({
    what: 'LINE reply',
    key: opts.key,
    url: new URL('/v2/bot/message/reply', req.baseURL ?? LINE_API_BASE_URL).toString(),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${req.channelAccessToken}` },
    body: JSON.stringify({ replyToken: req.replyToken, messages: req.messages }),
    classify: classifyLine,
    startedAt: opts.receivedAt,
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
}

/**
 * A push or multicast answer: 409 means LINE accepted this X-Line-Retry-Key before (an
 * earlier attempt was delivered), so it reads as delivered; a failure keeps LINE's words.
 */
export async function classifyRetryKeyed(res: Response, unitMs = 1000): Promise<Verdict> {
  if (res.status === 409) return { kind: 'ok', note: 'retry key accepted before (X-Line-Retry-Key): delivered by an earlier attempt' };
  const verdict = statusVerdict(res, unitMs);
  if (verdict.kind !== 'fail') return verdict;
  return { ...verdict, reason: `HTTP ${res.status}: ${(await res.text().catch(() => '')).slice(0, 300)}` };
}

export interface PushRequest {
  channelAccessToken: string;
  baseURL?: string | undefined;
  /** A LINE user id. */
  to: string;
  messages: messagingApi.Message[];
}

/**
 * Sends messages outside a reply (a case's news): POST /v2/bot/message/push. Push messages
 * count against the plan's monthly quota. One X-Line-Retry-Key for all the attempts, so a
 * retry after an attempt that reached LINE is answered 409 (already accepted) and is not
 * delivered twice; 409 reads as delivered. Never throws.
 */
export function pushMessage(req: PushRequest, opts: { key: string; policy?: Partial<OutboundPolicy> }): Promise<SendOutcome> {
  return sendOutbound({
    what: 'LINE push',
    key: opts.key,
    url: new URL('/v2/bot/message/push', req.baseURL ?? LINE_API_BASE_URL).toString(),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${req.channelAccessToken}`, 'x-line-retry-key': crypto.randomUUID() },
    body: JSON.stringify({ to: req.to, messages: req.messages }),
    classify: (res, _ctx, unitMs) => classifyRetryKeyed(res, unitMs),
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
}

/**
 * How long the loading animation may show (a multiple of 5, 5–60); it disappears as soon as
 * the reply arrives. The shortest: a turn takes milliseconds, and a message relayed to an
 * advisor gets no reply at all, which a longer animation would leave hanging.
 */
export const LOADING_SECONDS = 5;

/**
 * Shows the loading animation in a 1:1 chat (POST /v2/bot/chat/loading/start) while the
 * turn runs: one attempt with a short timeout, no retries, never throws. The caller does
 * not await it before the turn or the reply (ctx.waitUntil keeps it alive).
 */
export async function startLoading(req: { channelAccessToken: string; baseURL?: string | undefined; chatId: string }, timeoutMs = 2_000): Promise<void> {
  try {
    const res = await fetch(new URL('/v2/bot/chat/loading/start', req.baseURL ?? LINE_API_BASE_URL).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${req.channelAccessToken}` },
      body: JSON.stringify({ chatId: req.chatId, loadingSeconds: LOADING_SECONDS } satisfies messagingApi.ShowLoadingAnimationRequest),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) console.warn('LINE loading animation not shown', res.status, (await res.text().catch(() => '')).slice(0, 200));
    else await res.body?.cancel();
  } catch (err) {
    console.warn('LINE loading animation not shown', String(err));
  }
}
