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
import { conversationKey, personKey, runTurn } from '../../src/state/store';
import { durableStore } from '../../src/state/stub';
import { actionOf, conversationParts, parseLineEvent, type LineEvent } from './events';
import { renderLine } from './render';
import { replyMessage } from './reply';
import { readSignedWebhook } from './request';

let warnedMissingToken = false;

/** One event, checked and addressed: what a turn runner gets. */
export interface LineTurn {
  event: LineEvent;
  /** The conversation key and the person key. */
  key: string;
  person: string;
  action: { kind: 'turn'; input: import('../../src/dialogue/types').TurnInput } | { kind: 'forget' };
  receivedAt: number;
}

/** Runs one event's turn and sends its reply (the production runner; the benchmark substitutes an empty one). */
export type LineTurnRunner = (env: Env, turn: LineTurn) => Promise<void>;

function prepare(raw: unknown, receivedAt: number): LineTurn | undefined {
  const event = parseLineEvent(raw);
  if (!event) return undefined;
  const parts = conversationParts(event.source);
  if (!parts) return undefined;
  const action = actionOf(event);
  if (action.kind === 'ignore') return undefined;
  // The person's registry lists their 1:1, group and room conversations; deletion covers all of them.
  return { event, key: conversationKey('line', ...parts), person: personKey('line', event.source!.userId!), action, receivedAt };
}

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

export const runLineTurn: LineTurnRunner = async (env, { event, key, person, action, receivedAt }) => {
  const store = durableStore(env);
  const eventTime = event.timestamp === undefined ? {} : { eventTime: event.timestamp };
  if (action.kind === 'forget') {
    await store.forget(key, eventTime);
    return store.forgetPerson!(person, eventTime);
  }
  const reply = await runTurn(store, key, action.input, { date: todayJst(), person, ...eventTime, ...(event.webhookEventId ? { eventId: event.webhookEventId } : {}) });
  if (reply === 'duplicate') return;
  const target = replyTarget(env, event);
  if (!target) return;
  await replyMessage({ ...target, messages: renderLine(reply) as unknown as messagingApi.Message[] }, { key, receivedAt });
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
  const work = async () => {
    await afterAck();
    for (const raw of events) {
      try {
        const turn = prepare(raw, receivedAt);
        if (turn) await run(env, turn);
      } catch (err) {
        console.error('LINE event failed', (raw as { webhookEventId?: unknown } | null)?.webhookEventId, err);
      }
    }
  };
  c.executionCtx.waitUntil(work());
  return c.json({ ok: true });
}
