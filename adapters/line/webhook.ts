// POST /webhook/line: verify the signature over the raw body, answer 200 at once,
// and run the turns in ctx.waitUntil — one event after the other, so a user's
// messages keep their order; redeliveries are dropped by webhookEventId.
import { Hono } from 'hono';
import type { messagingApi } from '@line/bot-sdk';
import { todayJst } from '../../src/core/status';
import type { Env } from '../../src/env';
import { conversationKey, personKey, runTurn } from '../../src/state/store';
import { durableStore } from '../../src/state/stub';
import { actionOf, conversationParts, parseLineEvent } from './events';
import { renderLine } from './render';
import { replyMessage } from './reply';
import { readSignedWebhook } from './request';

let warnedMissingToken = false;

async function handleEvent(env: Env, raw: unknown, receivedAt: number): Promise<void> {
  const event = parseLineEvent(raw);
  if (!event) return;
  const parts = conversationParts(event.source);
  if (!parts) return;
  const action = actionOf(event);
  if (action.kind === 'ignore') return;
  const store = durableStore(env);
  const key = conversationKey('line', ...parts);
  // The person's registry lists their 1:1, group and room conversations; deletion covers all of them.
  const person = personKey('line', event.source!.userId!);
  const eventTime = event.timestamp === undefined ? {} : { eventTime: event.timestamp };
  if (action.kind === 'forget') {
    await store.forget(key, eventTime);
    return store.forgetPerson!(person, eventTime);
  }
  const reply = await runTurn(store, key, action.input, { date: todayJst(), person, ...eventTime, ...(event.webhookEventId ? { eventId: event.webhookEventId } : {}) });
  if (reply === 'duplicate' || !event.replyToken) return;
  if (!env.LINE_CHANNEL_ACCESS_TOKEN) {
    if (!warnedMissingToken) console.error('LINE_CHANNEL_ACCESS_TOKEN is not set: replies are not sent. Set it with `wrangler secret put LINE_CHANNEL_ACCESS_TOKEN`.');
    warnedMissingToken = true;
    return;
  }
  const request = { channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN, baseURL: env.LINE_API_BASE_URL, replyToken: event.replyToken, messages: renderLine(reply) as unknown as messagingApi.Message[] };
  await replyMessage(request, { key, receivedAt });
}

export function lineWebhook(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.post('/', async (c) => {
    const secret = c.env.LINE_CHANNEL_SECRET;
    if (!secret) {
      console.error('LINE_CHANNEL_SECRET is not set: the LINE webhook is disabled. Set it with `wrangler secret put LINE_CHANNEL_SECRET`.');
      return c.json({ error: 'line_not_configured' }, 503);
    }
    const read = await readSignedWebhook(c.req.raw, secret);
    if (!read.ok) return c.json({ error: read.error }, read.status);
    const parsed = read.body;
    const receivedAt = Date.now();
    const work = (async () => {
      for (const event of parsed.events) {
        try {
          await handleEvent(c.env, event, receivedAt);
        } catch (err) {
          console.error('LINE event failed', (event as { webhookEventId?: unknown } | null)?.webhookEventId, err);
        }
      }
    })();
    c.executionCtx.waitUntil(work);
    return c.json({ ok: true });
  });
  return app;
}
