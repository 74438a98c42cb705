// The handoff desk (issue 16) on Workers: the owner's side. It carries out the
// effects of the handoff dialogue — open a case (its card in the advisors' channel,
// its Durable Object, the thread's pointer), relay the owner's message to the case's
// thread, close the case — withdraws a case when the owner deletes their data, and
// tells the owner what happened (a turn in their conversation, then a LINE push or
// the web chat's inbox).
import { todayJst } from '../../src/core/status';
import { isSilent, type CaseDraft, type CaseEvent, type Reply, type ReplyEffect, type TurnInput } from '../../src/dialogue/types';
import type { Env } from '../../src/env';
import { runTurn, type TurnOptions } from '../../src/state/store';
import { durableStore, stubOf } from '../../src/state/stub';
import { renderLine } from '../line/render';
import { pushMessage } from '../line/reply';
import { escape } from '../slack/render';
import { callApi } from '../slack/send';
import { caseCard } from './card';
import type { CaseOwner, CaseRecord, CloseOutcome } from './case';
import { caseStub, threadStub } from '../../src/state/case-refs';

/** The handoff is offered only where a case can reach the advisors (a channel and the bot token). */
export const handoffEnabled = (env: Env) => Boolean(env.HANDOFF_SLACK_CHANNEL && env.SLACK_BOT_TOKEN);

function routes(env: Env): Record<string, string> {
  if (!env.HANDOFF_ROUTES) return {};
  try {
    const parsed = JSON.parse(env.HANDOFF_ROUTES) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    // fall through: logged below
  }
  console.error('HANDOFF_ROUTES is not a JSON object of place → channel id; cases go to HANDOFF_SLACK_CHANNEL');
  return {};
}

/** The channel a case goes to: its municipality's, else its prefecture's, else the default. */
export function routeChannel(env: Env, draft: Pick<CaseDraft, 'prefecture' | 'municipality'>): string | undefined {
  const r = routes(env);
  const pref = draft.prefecture ?? '';
  const muni = draft.municipality && draft.municipality !== 'その他' ? draft.municipality : '';
  return (muni && (r[`${pref}${muni}`] ?? r[muni])) || (pref && r[pref]) || env.HANDOFF_SLACK_CHANNEL || undefined;
}

/** Every channel cases may be in (thread replies elsewhere are not looked up). */
export const handoffChannels = (env: Env) => new Set([env.HANDOFF_SLACK_CHANNEL, ...Object.values(routes(env))].filter((c): c is string => Boolean(c)));

export async function caseEffect(env: Env, key: string, effect: Exclude<ReplyEffect, { type: 'follow' }>, opts: TurnOptions): Promise<TurnInput | undefined> {
  switch (effect.type) {
    case 'handoff':
      return openCase(env, key, effect.draft, opts);
    case 'relay':
      return relayToThread(env, key, effect.caseId, effect.text);
    case 'close-case':
      await closeCase(env, effect.caseId, 'owner');
      return undefined;
  }
}

/** Posts the card, then stores the case and the thread's pointer; the owner's conversation is told it opened. */
async function openCase(env: Env, key: string, draft: CaseDraft, opts: TurnOptions): Promise<TurnInput> {
  const address = opts.address;
  if (!address || address.platform === 'slack') throw new Error('a case needs an owner reachable on LINE or the web chat');
  const target = routeChannel(env, draft);
  if (!target || !env.SLACK_BOT_TOKEN) throw new Error('HANDOFF_SLACK_CHANNEL or SLACK_BOT_TOKEN is not set');
  const id = crypto.randomUUID();
  const owner: CaseOwner = { key, ...(opts.person ? { person: opts.person } : {}), address };
  const posted = await callApi(env, 'chat.postMessage', { channel: target, ...caseCard({ id, draft, status: 'open' }), unfurl_links: false }, { key });
  const body = posted.ok ? (posted.body as { ts?: unknown; channel?: unknown } | undefined) : undefined;
  if (!posted.ok || typeof body?.ts !== 'string') throw new Error(`the case card was not posted: ${posted.ok ? 'no ts in the answer' : posted.reason}`);
  const channel = typeof body.channel === 'string' ? body.channel : target;
  try {
    await caseStub(env, id).open({ id, draft, owner, channel, ts: body.ts });
    await threadStub(env, channel, body.ts).point(id);
  } catch (err) {
    // No case behind the card: the card goes too, and whatever of the case was stored (the owner is
    // told nothing was sent and may try again).
    await callApi(env, 'chat.delete', { channel, ts: body.ts }, { key });
    await caseStub(env, id).withdraw().catch((e) => console.error('removing a half-opened case failed', id, e));
    throw err;
  }
  return { kind: 'case', event: { type: 'opened', caseId: id } };
}

/** The owner's message, posted in the case's thread by the bot. A case closed meanwhile: the owner is told. */
async function relayToThread(env: Env, key: string, caseId: string, text: string): Promise<TurnInput | undefined> {
  const c = await caseStub(env, caseId).get();
  if (!c || c.status === 'closed') return { kind: 'case', event: { type: 'closed', caseId } };
  const posted = await callApi(env, 'chat.postMessage', { channel: c.channel, thread_ts: c.ts, text: `*相談者*：${escape(text)}`, unfurl_links: false }, { key });
  if (!posted.ok) throw new Error(`the owner's message was not posted: ${posted.reason}`);
  const ts = (posted.body as { ts?: unknown } | undefined)?.ts;
  if (typeof ts === 'string') await caseStub(env, caseId).addPost(ts);
  return undefined;
}

/** Updates the case's card in place (its status, its buttons). */
export async function updateCard(env: Env, c: CaseRecord): Promise<void> {
  await callApi(env, 'chat.update', { channel: c.channel, ts: c.ts, ...caseCard(c) }, { key: `case:${c.id}` });
}

const CLOSE_NOTES = {
  owner: '相談者が相談を終了しました。これ以降の返信は相談者に届きません。',
  gone: '相談者とのトークが終了しているため（データの削除、または30日間ご利用がないため）、この相談を終了しました。相談者には届きません。',
} as const;

/**
 * Closes a case: the card shows it, the thread is told; telling the owner is the caller's.
 * 'held' when an advisor who does not have the case tried; 'not-open' when it was not open.
 */
export async function closeCase(env: Env, caseId: string, by: 'owner' | 'advisor' | 'gone', advisorId?: string): Promise<CloseOutcome> {
  const r = await caseStub(env, caseId).close(by, advisorId);
  if (r.outcome !== 'closed') return r;
  const c = r.case;
  await updateCard(env, c);
  const note = by === 'advisor' ? `<@${advisorId ?? c.advisor?.id ?? ''}> さんが対応済みにしました。` : CLOSE_NOTES[by];
  await callApi(env, 'chat.postMessage', { channel: c.channel, thread_ts: c.ts, text: note }, { key: `case:${c.id}` });
  return r;
}

/**
 * Tells the owner what happened to their case: a turn in their conversation (which keeps
 * its state right), then its reply by LINE push or into the web chat's inbox. `eventId`
 * makes a redelivered platform event a no-op. 'gone' when the conversation no longer has
 * this case (deleted, expired, or the owner ended it).
 */
export async function tellOwner(env: Env, owner: CaseOwner, event: CaseEvent, eventId?: string): Promise<'delivered' | 'gone' | 'failed'> {
  const reply = await runTurn(durableStore(env), owner.key, { kind: 'case', event }, { date: todayJst(), ...(owner.person ? { person: owner.person } : {}), ...(eventId ? { eventId } : {}) });
  if (reply === 'duplicate') return 'delivered';
  if (isSilent(reply)) return 'gone';
  return (await deliverToOwner(env, owner, reply)) ? 'delivered' : 'failed';
}

async function deliverToOwner(env: Env, owner: CaseOwner, reply: Reply): Promise<boolean> {
  if (owner.address.platform === 'web') {
    await stubOf(env, owner.key).post(reply);
    return true;
  }
  if (owner.address.platform !== 'line' || !env.LINE_CHANNEL_ACCESS_TOKEN) return false;
  const sent = await pushMessage({ channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN, baseURL: env.LINE_API_BASE_URL, to: owner.address.userId, messages: renderLine(reply) }, { key: owner.key });
  return sent.ok;
}
