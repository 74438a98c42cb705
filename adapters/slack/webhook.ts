// Slack on Workers: /webhook/slack/{events,commands,interactions}. Every request is
// verified (signature over the raw body, timestamp ≤ 5 min) before anything else;
// the ack is immediate and the turn runs in ctx.waitUntil; events are processed
// once (event_id, which Slack's retries keep).
import { Hono, type Context } from 'hono';
import { todayJst } from '../../src/core/status';
import type { Env } from '../../src/env';
import { conversationStub } from '../../src/state/stub';
import { actionKey, commandKey, eventTarget, type BlockActionsPayload, type SlackEventCallback, type SlashCommand } from './events';
import { renderSlack } from './render';
import { postMessage, respond } from './send';
import { verifySlackRequest } from './verify';
import { RESTART } from '../../src/dialogue/actions';

type C = Context<{ Bindings: Env }>;

/** Reads and verifies the raw body; a Response when the request must be refused. */
async function verified(c: C): Promise<{ body: string } | Response> {
  const secret = c.env.SLACK_SIGNING_SECRET;
  if (!secret) {
    console.error('SLACK_SIGNING_SECRET is not set: the Slack endpoints are disabled. Set it with `wrangler secret put SLACK_SIGNING_SECRET`.');
    return c.json({ error: 'slack_not_configured' }, 503);
  }
  // The raw bytes, decoded as UTF-8 (Request.text() warns on form-encoded bodies in workerd).
  const body = new TextDecoder().decode(await c.req.arrayBuffer());
  const v = await verifySlackRequest(secret, { timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature') }, body);
  if (!v.ok) return c.json({ error: `signature_${v.reason}` }, 401);
  return { body };
}

async function turn(env: Env, key: string[], input: Parameters<ReturnType<typeof conversationStub>['turn']>[0], eventId?: string) {
  return conversationStub(env, 'slack', ...key).turn(input, { date: todayJst(), ...(eventId ? { eventId } : {}) });
}

export function slackWebhook(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();

  app.post('/events', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    let payload: { type?: string; challenge?: string; event_id?: string; team_id?: string; event?: SlackEventCallback['event'] };
    try {
      payload = JSON.parse(v.body);
    } catch {
      return c.json({ error: 'bad_json' }, 400);
    }
    if (payload.type === 'url_verification') return c.json({ challenge: payload.challenge ?? '' });
    if (payload.type !== 'event_callback' || !payload.event) return c.body(null, 200);
    const target = eventTarget(payload as SlackEventCallback);
    if (!target) return c.body(null, 200);
    c.executionCtx.waitUntil(
      (async () => {
        const outcome = await turn(c.env, target.key, target.input, payload.event_id);
        if (outcome.duplicate) return;
        const { text, blocks } = renderSlack(outcome.reply);
        await postMessage(c.env, { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), text, blocks });
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
        // A new slash command starts a fresh query: 「/hojo 金沢市 製造業 8人 海外展示会 300万円」.
        const stub = conversationStub(c.env, 'slack', ...commandKey(form));
        const date = todayJst();
        if (text === '') {
          const outcome = await stub.turn({ kind: 'start' }, { date });
          if (!outcome.duplicate) await respond(form.response_url!, { response_type: 'ephemeral', ...renderSlack(outcome.reply) });
          return;
        }
        await stub.turn(RESTART, { date });
        const outcome = await stub.turn({ kind: 'text', text }, { date });
        if (!outcome.duplicate) await respond(form.response_url!, { response_type: 'ephemeral', ...renderSlack(outcome.reply) });
      })().catch((err) => console.error('Slack command failed', err)),
    );
    return c.json({ response_type: 'ephemeral', text: `「${text || '（条件なし）'}」で調べています…` });
  });

  app.post('/interactions', async (c) => {
    const v = await verified(c);
    if (v instanceof Response) return v;
    let payload: BlockActionsPayload;
    try {
      payload = JSON.parse(new URLSearchParams(v.body).get('payload') ?? '') as BlockActionsPayload;
    } catch {
      return c.json({ error: 'bad_payload' }, 400);
    }
    const value = payload.type === 'block_actions' ? payload.actions?.[0]?.value : undefined;
    if (!value) return c.body(null, 200);
    const key = actionKey(payload);
    c.executionCtx.waitUntil(
      (async () => {
        const outcome = await turn(c.env, key, { kind: 'choice', value });
        if (outcome.duplicate) return;
        const rendered = renderSlack(outcome.reply);
        if (payload.response_url) {
          await respond(payload.response_url, { response_type: payload.container?.is_ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, ...rendered });
          return;
        }
        const channel = payload.channel?.id ?? payload.container?.channel_id;
        const thread = payload.container?.thread_ts ?? payload.message?.thread_ts ?? payload.message?.ts;
        if (channel) await postMessage(c.env, { channel, ...(thread ? { thread_ts: thread } : {}), ...rendered });
      })().catch((err) => console.error('Slack interaction failed', err)),
    );
    return c.body(null, 200);
  });

  return app;
}
