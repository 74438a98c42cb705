// Sending the notices the cron planned (src/follow/notices.ts), through the one
// outbound sender (../outbound.ts):
//
// - LINE: multicast (POST /v2/bot/message/multicast), recipients grouped by identical
//   message, at most 500 user ids per call, each call with an X-Line-Retry-Key: a UUID
//   derived from the notice id and the batch's user ids (SHA-256, formatted as a UUID
//   version 8), so the sender's retry of the same batch after a lost answer (within this
//   run) gets 409 and is read as delivered. The next run is a day later: past LINE's 24
//   hours for the key (and its batches may differ), so a batch whose every answer was lost
//   is sent again by the retry table (adapters/follow/cron.ts) and may arrive twice. The message is a
//   Flex bubble with the notice and its buttons (the one-tap unsubscribe first), so
//   the buttons stay with the message (quick replies vanish after the next message).
// - Slack: a DM (chat.postMessage with channel = the user id) with the same buttons.
// - Web chat ids have no push channel: nothing is sent (they cannot save either).
//
// Quota: every LINE push and multicast message counts against the plan's monthly
// message quota; a multicast to N users counts N (README, "Follow-up for owners").
import type { messagingApi } from '@line/bot-sdk';
import type { Env } from '../../src/env';
import type { NoticeMessage } from '../../src/follow/notices';
import { clip, LINE_LIMITS, postback } from '../line/render';
import { classifyRetryKeyed, LINE_API_BASE_URL } from '../line/reply';
import { sendOutbound, type SendOutcome } from '../outbound';
import { renderSlack } from '../slack/render';
import { callApi } from '../slack/send';

/** LINE's limit of user ids per multicast. */
export const MULTICAST_MAX = 500;

/** The notice as one LINE message: a bubble with its text and buttons. */
export function noticeLine(m: NoticeMessage): messagingApi.FlexMessage {
  return {
    type: 'flex',
    altText: clip(m.text.split('\n')[0] ?? m.text, LINE_LIMITS.altText),
    contents: {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: clip(m.text, 2_000), wrap: true, size: 'sm' }] },
      footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: m.choices.map((c): messagingApi.FlexButton => ({ type: 'button', style: 'link', height: 'sm', action: postback(c) })) },
    },
  };
}

/** The notice as a Slack DM: the text and its buttons (the dialogue's choices). */
export const noticeSlack = (m: NoticeMessage) => renderSlack({ kind: 'info', texts: [m.text], cards: [], choices: m.choices });

/** A deterministic UUID (version 8, RFC 9562) of a batch: the same batch, the same key. */
export async function retryKey(noticeId: string, userIds: readonly string[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${noticeId}\n${[...userIds].sort().join(',')}`)));
  const b = digest.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Batches of at most MULTICAST_MAX, user ids sorted (the same recipients give the same batches, so the same keys). */
export function batches(userIds: readonly string[]): string[][] {
  const sorted = [...new Set(userIds)].sort();
  const out: string[][] = [];
  for (let i = 0; i < sorted.length; i += MULTICAST_MAX) out.push(sorted.slice(i, i + MULTICAST_MAX));
  return out;
}

/** One multicast call; never throws. */
export async function multicast(env: Env, noticeId: string, to: string[], message: NoticeMessage): Promise<SendOutcome> {
  if (!env.LINE_CHANNEL_ACCESS_TOKEN) return { ok: false, attempts: 0, reason: 'LINE_CHANNEL_ACCESS_TOKEN is not set' };
  return sendOutbound({
    what: 'LINE multicast',
    key: `follow:${noticeId}`,
    url: new URL('/v2/bot/message/multicast', env.LINE_API_BASE_URL ?? LINE_API_BASE_URL).toString(),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.LINE_CHANNEL_ACCESS_TOKEN}`, 'x-line-retry-key': await retryKey(noticeId, to) },
    body: JSON.stringify({ to, messages: [noticeLine(message)] } satisfies messagingApi.MulticastRequest),
    classify: (res, _ctx, unitMs) => classifyRetryKeyed(res, unitMs),
  });
}

/** One Slack DM; never throws. */
export function slackDm(env: Env, noticeId: string, user: string, message: NoticeMessage): Promise<SendOutcome> {
  return callApi(env, 'chat.postMessage', { channel: user, ...noticeSlack(message) }, { key: `follow:${noticeId}` });
}
