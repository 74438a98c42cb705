// Slack on Workers: /webhook/slack/{events,commands,interactions}. Every request is
// verified (signature over the raw body, timestamp ≤ 5 min) before anything else,
// then parsed with a schema (a signed payload that does not fit is logged and
// answered 200, never 500); the ack is immediate and the turn runs in ctx.waitUntil
// through the one turn pipeline (runTurn). Events run once (event_id, which Slack's
// retries keep); commands and interactions once per signed request (its signature,
// unique to the body and timestamp), so an exact replay within the 5 minutes is a no-op.
import { Hono, type Context } from 'hono';
import { RESTART } from '../../src/dialogue/actions';
import { todayJst } from '../../src/core/status';
import type { Env } from '../../src/env';
import { conversationKey, personKey, runTurn } from '../../src/state/store';
import { durableStore } from '../../src/state/stub';
import { actionKey, BlockActionsSchema, commandKey, eventTarget, SlackEventCallbackSchema, UrlVerificationSchema, type SlashCommand } from './events';
import { renderSlack } from './render';
import { postMessage, respond } from './send';
import { verifySlackRequest } from './verify';

type C = Context<{ Bindings: Env }>;

/** Reads and verifies the raw body; a Response when the request must be refused. */
async function verified(c: C): Promise<{ body: string; signature: string } | Response> {
  const secret = c.env.SLACK_SIGNING_SECRET;
  if (!secret) {
    console.error('SLACK_SIGNING_SECRET is not set: the Slack endpoints are disabled. Set it with `wrangler secret put SLACK_SIGNING_SECRET`.');
    return c.json({ error: 'slack_not_configured' }, 503);
  }
  // The raw bytes, decoded as UTF-8 (Request.text() warns on form-encoded bodies in workerd).
  const body = new TextDecoder().decode(await c.req.arrayBuffer());
  const signature = c.req.header('x-slack-signature');
  const v = await verifySlackRequest(secret, { timestamp: c.req.header('x-slack-request-timestamp'), signature }, body);
  if (!v.ok) return c.json({ error: `signature_${v.reason}` }, 401);
  return { body, signature: signature! };
}

function jsonOrUndefined(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const skipped = (what: string, c: C) => {
  console.error(`Slack ${what} skipped: unexpected shape`);
  return c.body(null, 200);
};

export function slackWebhook(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();

  app.post('/events', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    const raw = jsonOrUndefined(v.body);
    if (raw === undefined) return c.json({ error: 'bad_json' }, 400);
    const challenge = UrlVerificationSchema.safeParse(raw);
    if (challenge.success) return c.json({ challenge: challenge.data.challenge });
    if ((raw as { type?: unknown } | null)?.type !== 'event_callback') return c.body(null, 200);
    const parsed = SlackEventCallbackSchema.safeParse(raw);
    if (!parsed.success) return skipped('event', c);
    const payload = parsed.data;
    const target = eventTarget(payload);
    if (!target) return c.body(null, 200);
    c.executionCtx.waitUntil(
      (async () => {
        const key = conversationKey('slack', ...target.key);
        // A thread is registered to the user of its first event; 「データを削除」 deletes that user's DM,
        // slash-command conversations and threads. The message's ts dates it against a deletion.
        const person = personKey('slack', payload.team_id ?? 'team', payload.event.user!);
        const eventTime = Number(payload.event.ts) * 1000;
        const reply = await runTurn(durableStore(c.env), key, target.input, { date: todayJst(), person, ...(eventTime > 0 ? { eventTime } : {}), ...(payload.event_id ? { eventId: payload.event_id } : {}) });
        if (reply === 'duplicate') return;
        const { text, blocks } = renderSlack(reply);
        await postMessage(c.env, { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), text, blocks }, { key });
      })().catch((err) => console.error('Slack event failed', payload.event_id, err)),
    );
    return c.body(null, 200);
  });

  app.post('/commands', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    const form = Object.fromEntries(new URLSearchParams(v.body)) as SlashCommand;
    if (form.ssl_check === '1') return c.body(null, 200);
    if (!form.response_url) return c.json({ error: 'bad_command' }, 400);
    const text = (form.text ?? '').trim();
    c.executionCtx.waitUntil(
      (async () => {
        const store = durableStore(c.env);
        const key = conversationKey('slack', ...commandKey(form));
        const person = personKey('slack', form.team_id ?? 'team', form.user_id ?? 'user');
        const date = todayJst();
        // A new slash command starts a fresh query: 「/hojo 金沢市 製造業 8人 海外展示会 300万円」.
        // The restart carries the request's signature: an exact replay is dropped there.
        const first = await runTurn(store, key, text === '' ? { kind: 'start' } : RESTART, { date, person, eventId: `sig:${v.signature}` });
        if (first === 'duplicate') return;
        const reply = text === '' ? first : await runTurn(store, key, { kind: 'text', text }, { date, person });
        if (reply === 'duplicate') return;
        await respond(form.response_url!, { response_type: 'ephemeral', ...renderSlack(reply) }, { key });
      })().catch((err) => console.error('Slack command failed', err)),
    );
    return c.json({ response_type: 'ephemeral', text: `「${text || '（条件なし）'}」で調べています…` });
  });

  app.post('/interactions', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    const raw = jsonOrUndefined(new URLSearchParams(v.body).get('payload'));
    if (raw === undefined) return c.json({ error: 'bad_payload' }, 400);
    if ((raw as { type?: unknown } | null)?.type !== 'block_actions') return c.body(null, 200);
    const parsed = BlockActionsSchema.safeParse(raw);
    if (!parsed.success) return skipped('interaction', c);
    const payload = parsed.data;
    const value = payload.actions?.[0]?.value;
    if (!value) return c.body(null, 200);
    const key = conversationKey('slack', ...actionKey(payload));
    c.executionCtx.waitUntil(
      (async () => {
        const person = personKey('slack', payload.team?.id ?? 'team', payload.user?.id ?? 'user');
        const reply = await runTurn(durableStore(c.env), key, { kind: 'choice', value }, { date: todayJst(), person, eventId: `sig:${v.signature}` });
        if (reply === 'duplicate') return;
        const rendered = renderSlack(reply);
        if (payload.response_url) {
          await respond(payload.response_url, { response_type: payload.container?.is_ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, ...rendered }, { key });
          return;
        }
        const channel = payload.channel?.id ?? payload.container?.channel_id;
        const thread = payload.container?.thread_ts ?? payload.message?.thread_ts ?? payload.message?.ts;
        if (channel) await postMessage(c.env, { channel, ...(thread ? { thread_ts: thread } : {}), ...rendered }, { key });
      })().catch((err) => console.error('Slack interaction failed', err)),
    );
    return c.body(null, 200);
  });

  return app;
}
