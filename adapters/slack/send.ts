// Posting answers: chat.postMessage to SLACK_API_BASE_URL (default https://slack.com/api/)
// with the bot token, or a POST to an interaction's response_url. Plain fetch: the
// Slack SDKs do not run in workerd.
import type { Env } from '../../src/env';

export async function postMessage(env: Env, message: { channel: string; thread_ts?: string; text: string; blocks: unknown[] }): Promise<void> {
  if (!env.SLACK_BOT_TOKEN) {
    console.error('SLACK_BOT_TOKEN is not set: Slack replies are not sent. Set it with `wrangler secret put SLACK_BOT_TOKEN`.');
    return;
  }
  const base = env.SLACK_API_BASE_URL ?? 'https://slack.com/api/';
  const res = await fetch(`${base.replace(/\/?$/, '/')}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${env.SLACK_BOT_TOKEN}` },
    body: JSON.stringify(message),
  });
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
  if (!res.ok || !body.ok) console.error(`Slack chat.postMessage failed: ${res.status} ${body.error ?? ''}`);
}

export async function respond(responseUrl: string, message: { text: string; blocks: unknown[]; response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean }): Promise<void> {
  const res = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message) });
  if (!res.ok) console.error(`Slack response_url failed: ${res.status}`);
}
