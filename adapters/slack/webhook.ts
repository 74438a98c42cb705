// Slack on Workers: /webhook/slack/{events,commands,interactions}. Every request is
// verified (signature over the raw body, timestamp ≤ 5 min) before anything else,
// then parsed with a schema (a signed payload that does not fit is logged and
// answered 200, never 500); the ack is immediate and the work runs in ctx.waitUntil
// through the Slack handlers shared with the Bolt runner (handlers.ts). Events run
// once (event_id, which Slack's retries keep); commands, shortcuts and interactions
// once per signed request (its signature, unique to the body and timestamp), so an
// exact replay within the 5 minutes is a no-op.
import { Hono, type Context } from 'hono';
import { todayJst } from '../../src/core/status';
import type { Env } from '../../src/env';
import { durableStore } from '../../src/state/stub';
import { BlockActionsSchema, MessageShortcutSchema, SlackEventCallbackSchema, UrlVerificationSchema, type SlashCommand } from './events';
import { commandAck, handleAction, handleCommand, handleEvent, handleShortcut, type SlackDeps, type SlackDelivery } from './handlers';
import { callApi, respond } from './send';
import { handleCaseAction, handleCaseThread, isCaseAction } from '../handoff/slack';
import { verifySlackRequest } from './verify';

type C = Context<{ Bindings: Env }>;

/** Deliveries over fetch: the Web API with the bot token, or the payload's response_url. */
export function workersDeps(env: Env): SlackDeps {
  const deliver = async (d: SlackDelivery, key: string): Promise<void> => {
    const opts = { key };
    if (d.via === 'post') await callApi(env, 'chat.postMessage', { channel: d.channel, ...(d.thread_ts ? { thread_ts: d.thread_ts } : {}), ...d.message }, opts);
    else if (d.via === 'update') await callApi(env, 'chat.update', { channel: d.channel, ts: d.ts, ...d.message }, opts);
    else if (d.via === 'home') await callApi(env, 'views.publish', { user_id: d.user, view: d.view }, opts);
    else await respond(d.url, { ...(d.response_type ? { response_type: d.response_type } : {}), replace_original: d.replace_original, ...d.message }, opts);
  };
  return { store: durableStore(env), today: () => todayJst(), deliver };
}

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
    const env = c.env;
    // A reply in a case's thread goes to the case (adapters/handoff); anything else to the dialogue.
    const work = async () => {
      if (!(await handleCaseThread(env, payload))) await handleEvent(workersDeps(env), payload);
    };
    c.executionCtx.waitUntil(work().catch((err) => console.error('Slack event failed', payload.event_id, err)));
    return c.body(null, 200);
  });

  app.post('/commands', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    const form = Object.fromEntries(new URLSearchParams(v.body)) as SlashCommand;
    if (form.ssl_check === '1') return c.body(null, 200);
    if (!form.response_url) return c.json({ error: 'bad_command' }, 400);
    c.executionCtx.waitUntil(handleCommand(workersDeps(c.env), form, `sig:${v.signature}`).catch((err) => console.error('Slack command failed', err)));
    return c.json(commandAck(form.text ?? ''));
  });

  app.post('/interactions', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    const raw = jsonOrUndefined(new URLSearchParams(v.body).get('payload'));
    if (raw === undefined) return c.json({ error: 'bad_payload' }, 400);
    const type = (raw as { type?: unknown } | null)?.type;
    const eventId = `sig:${v.signature}`;
    if (type === 'message_action') {
      const parsed = MessageShortcutSchema.safeParse(raw);
      if (!parsed.success) return skipped('shortcut', c);
      c.executionCtx.waitUntil(handleShortcut(workersDeps(c.env), parsed.data, eventId).catch((err) => console.error('Slack shortcut failed', err)));
      return c.body(null, 200);
    }
    if (type !== 'block_actions') return c.body(null, 200);
    const parsed = BlockActionsSchema.safeParse(raw);
    if (!parsed.success) return skipped('interaction', c);
    const work = isCaseAction(parsed.data.actions?.[0]?.action_id) ? handleCaseAction(c.env, parsed.data) : handleAction(workersDeps(c.env), parsed.data, eventId);
    c.executionCtx.waitUntil(work.catch((err) => console.error('Slack interaction failed', err)));
    return c.body(null, 200);
  });

  return app;
}
