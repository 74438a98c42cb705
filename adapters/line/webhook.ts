// POST /webhook/line: verify the signature over the raw body, answer 200 at once,
// and run the turns in ctx.waitUntil — one event after the other, so a user's
// messages keep their order; redeliveries are dropped by webhookEventId.
//
// The ack comes first: before the 200 only the body is read, the signature checked
// and the JSON parsed. Each event's work (schema, Durable Object call, render, send)
// starts after the response has been handed back (see afterAck).
import { Hono, type Context } from 'hono';
import type { messagingApi } from '@line/bot-sdk';
import { todayJst } from '../../src/core/status';
import type { Env } from '../../src/env';
import { isSilent, type Reply } from '../../src/dialogue/types';
import { handoffEnabled } from '../handoff/desk';
import { conversationKey, personKey, runTurn } from '../../src/state/store';
import { durableStore, personStub } from '../../src/state/stub';
import { actionOf, chatOf, conversationParts, JOIN_GREETING, parseLineEvent, SHARED_MEMBER, type LineEvent } from './events';
import { renderLine } from './render';
import { replyMessage, startLoading } from './reply';
import { readSignedWebhook } from './request';

let warnedMissingToken = false;

/** One event, checked and addressed: what a turn runner gets. */
export interface LineTurn {
  event: LineEvent;
  /** The conversation key (for join and leave: the group's or room's registry key). */
  key: string;
  /** The person key; none for a group member without a user id (they share the group's conversation). */
  person: string | undefined;
  /** The registry of a group's or room's conversations (`line:group:<groupId>`), so that `leave` can forget them. */
  chat: string | undefined;
  action: { kind: 'turn'; input: import('../../src/dialogue/types').TurnInput } | { kind: 'forget' } | { kind: 'join' } | { kind: 'leave' };
  receivedAt: number;
  /** Keeps a fire-and-forget promise alive (ctx.waitUntil) without awaiting it. */
  background?: (p: Promise<unknown>) => void;
}

/** Runs one event's turn and sends its reply (the production runner; the benchmark substitutes an empty one). */
export type LineTurnRunner = (env: Env, turn: LineTurn) => Promise<void>;

/** The registry key of a group's or room's conversations (a PersonRegistry under another name). */
export const chatRegistryKey = (type: 'group' | 'room', id: string) => personKey('line', type, id);

function prepare(raw: unknown, receivedAt: number): LineTurn | undefined {
  const event = parseLineEvent(raw);
  if (!event) return undefined;
  const action = actionOf(event);
  if (action.kind === 'ignore') return undefined;
  const chat = chatOf(event.source);
  const chatKey = chat ? chatRegistryKey(chat.type, chat.id) : undefined;
  if (action.kind === 'join' || action.kind === 'leave') {
    if (!chatKey) return undefined;
    return { event, key: chatKey, person: undefined, chat: chatKey, action, receivedAt };
  }
  const parts = conversationParts(event.source);
  if (!parts) return undefined;
  const userId = event.source?.userId;
  if (action.kind === 'forget' && !userId) return undefined;
  // The person's registry lists their 1:1, group and room conversations; deletion covers all of them.
  return { event, key: conversationKey('line', ...parts), person: userId ? personKey('line', userId) : undefined, chat: chatKey, action, receivedAt };
}

/** Said to a group member LINE gives no user id for (LINE for PC): their conversation is the group's shared one. */
export const SHARED_NOTE = '※LINEからユーザー情報が届かない方（パソコン版LINEなど）の入力は、このトークで1つの会話として共有されます。同じ状況のメンバーの方と条件が共有されますのでご注意ください。';

/** The reply's credentials, or undefined (logged once) when the access token is not set. */
export function replyTarget(env: Env, event: LineEvent): { channelAccessToken: string; baseURL: string | undefined; replyToken: string } | undefined {
  if (!event.replyToken) return undefined;
  if (!env.LINE_CHANNEL_ACCESS_TOKEN) {
    if (!warnedMissingToken) console.error('LINE_CHANNEL_ACCESS_TOKEN is not set: replies are not sent. Set it with `wrangler secret put LINE_CHANNEL_ACCESS_TOKEN`.');
    warnedMissingToken = true;
    return undefined;
  }
  return { channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN, baseURL: env.LINE_API_BASE_URL, replyToken: event.replyToken };
}

export const runLineTurn: LineTurnRunner = async (env, { event, key, person, chat, action, receivedAt, background }) => {
  const store = durableStore(env);
  const eventTime = event.timestamp === undefined ? {} : { eventTime: event.timestamp };
  if (action.kind === 'forget') {
    await store.forget(key, eventTime);
    if (person) await store.forgetPerson!(person, eventTime);
    return;
  }
  if (action.kind === 'leave') {
    // The group's registry lists every member's conversation there (registered on each turn).
    const registry = personStub(env, key);
    const keys = await registry.keys();
    await registry.forgetAll(eventTime);
    // Each member's own registry drops the key too (its sweep would, a month later).
    const prefix = `${key}:`;
    await Promise.allSettled(
      keys.filter((k) => k.startsWith(prefix) && k.slice(prefix.length) !== SHARED_MEMBER).map((k) => personStub(env, personKey('line', k.slice(prefix.length))).unregister(k)),
    );
    return;
  }
  const target = replyTarget(env, event);
  if (action.kind === 'join') {
    if (target) await replyMessage({ ...target, messages: [{ type: 'text', text: JOIN_GREETING }] }, { key, receivedAt });
    return;
  }
  // 1:1 only (LINE shows it in 1:1 chats only): the loading animation while the turn runs. Never awaited here.
  if (target && event.source?.type === 'user' && event.source.userId && !event.deliveryContext?.isRedelivery) {
    const loading = startLoading({ channelAccessToken: target.channelAccessToken, baseURL: target.baseURL, chatId: event.source.userId });
    if (background) background(loading);
    else void loading;
  }
  // Registered before the turn, so that no state exists that `leave` would miss (idempotent).
  if (chat) await personStub(env, chat).register(key);
  // The 1:1 chat can be pushed to later: the handoff to an advisor, saving and notices (not groups and rooms).
  const oneToOne = event.source?.type === 'user' && event.source.userId ? event.source.userId : undefined;
  const channel = oneToOne ? { features: { handoff: handoffEnabled(env), follow: true }, address: { platform: 'line' as const, userId: oneToOne } } : {};
  const result = await runTurn(store, key, action.input, { date: todayJst(), ...(person ? { person } : {}), ...eventTime, ...(event.webhookEventId ? { eventId: event.webhookEventId } : {}), ...channel });
  if (result === 'duplicate' || !target || isSilent(result)) return;
  const reply: Reply = chat && !event.source?.userId ? { ...result, texts: [...result.texts, SHARED_NOTE] } : result;
  const quoteToken = event.message?.quoteToken;
  await replyMessage({ ...target, messages: renderLine(reply, quoteToken ? { quoteToken } : {}) }, { key, receivedAt });
};

/**
 * Resolves after the current request's response has been handed back to the runtime:
 * a macrotask boundary (scheduler.wait(0) in workerd, setTimeout elsewhere), so that
 * the handler returns its 200 before any per-event work (schema, Durable Object call,
 * render, send) starts.
 */
export function afterAck(): Promise<void> {
  const s = (globalThis as { scheduler?: { wait?: (ms: number) => Promise<void> } }).scheduler;
  return s?.wait ? s.wait(0) : new Promise((ok) => setTimeout(ok, 0));
}

export function lineWebhook(run: LineTurnRunner = runLineTurn): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.post('/', (c) => acknowledge(c, run));
  return app;
}

async function acknowledge(c: Context<{ Bindings: Env }>, run: LineTurnRunner): Promise<Response> {
  const secret = c.env.LINE_CHANNEL_SECRET;
  if (!secret) {
    console.error('LINE_CHANNEL_SECRET is not set: the LINE webhook is disabled. Set it with `wrangler secret put LINE_CHANNEL_SECRET`.');
    return c.json({ error: 'line_not_configured' }, 503);
  }
  const read = await readSignedWebhook(c.req.raw, secret);
  if (!read.ok) return c.json({ error: read.error }, read.status);
  const events = read.body.events;
  const receivedAt = Date.now();
  const env = c.env;
  const ctx = c.executionCtx;
  const background = (p: Promise<unknown>) => ctx.waitUntil(p);
  const work = async () => {
    await afterAck();
    for (const raw of events) {
      try {
        const turn = prepare(raw, receivedAt);
        if (turn) await run(env, { ...turn, background });
      } catch (err) {
        console.error('LINE event failed', (raw as { webhookEventId?: unknown } | null)?.webhookEventId, err);
      }
    }
  };
  c.executionCtx.waitUntil(work());
  return c.json({ ok: true });
}
