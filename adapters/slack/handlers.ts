// The one set of Slack handlers, shared by the Workers routes (webhook.ts) and the Bolt
// Socket Mode runner (bolt.ts): a parsed payload → the conversation key, the turn's
// input, where the answer goes and what it says. Each runtime supplies only the
// conversation store and `deliver` (fetch on Workers, Bolt's web client on Node).
//
// - An event (app_mention, message.im) answers in its thread (mentions) or DM;
//   app_home_opened publishes the Home tab, with the advisor's last few queries.
// - Each /hojo (or shortcut) answer is remembered for the advisor as slots (never the
//   typed text; src/dialogue/recent.ts), where deletion reaches (the person's registry).
//   「もう一度調べる」 on the Home tab reruns one as a fresh query in the advisor's DM with
//   the app (its Messages tab; the Home tab has no channel or response_url to answer in).
// - /hojo and the message shortcut 「補助金を調べる」 restart the advisor's command
//   conversation, then read the text as a query; the answer is ephemeral (response_url),
//   and an answer gets 「チャンネルに共有」.
// - A button press continues the conversation it belongs to. On an ephemeral message the
//   answer replaces it (replace_original), headed by the choice; on a channel, thread or
//   DM message the pressed message is updated to show the choice without its buttons
//   (response_url replace_original, or chat.update), and the answer is posted beside it,
//   in the same thread (thread_ts).
// - 「チャンネルに共有」 posts the current answer, without buttons, in the channel.
import type { Block, HomeView, KnownBlock } from '@slack/types';
import { RESTART } from '../../src/dialogue/actions';
import { queryId, querySlots, querySummary } from '../../src/dialogue/recent';
import type { Reply, Slots, TurnInput } from '../../src/dialogue/types';
import { knowledge } from '../../src/knowledge';
import { conversationKey, personKey, runTurn, runTurnWithSlots, type ConversationStore, type TurnOptions } from '../../src/state/store';
import { actionKey, commandKey, eventTarget, LOOKUP_CALLBACK_ID, stripMentions, type BlockActionsPayload, type MessageShortcutPayload, type SlackEventCallback, type SlashCommand } from './events';
import { escape, homeView, renderSlack, RERUN_ACTION_ID, SHARE_ACTION_ID, SLACK_LIMITS } from './render';
import { followRoute, handleWatch, isFollowValue } from '../follow/slack-watch';

/** A message to send, possibly with blocks passed through from Slack (the pressed message). */
export interface OutgoingMessage {
  text: string;
  blocks: (KnownBlock | Block)[];
}

/** Where an answer goes. */
export type SlackDelivery =
  | { via: 'post'; channel: string; thread_ts?: string; message: OutgoingMessage }
  | { via: 'respond'; url: string; response_type?: 'ephemeral' | 'in_channel'; replace_original: boolean; message: OutgoingMessage }
  | { via: 'update'; channel: string; ts: string; message: OutgoingMessage }
  | { via: 'home'; user: string; view: HomeView };

export interface SlackDeps {
  store: ConversationStore;
  /** YYYY-MM-DD (JST). */
  today: () => string;
  /** Sends one delivery; `key` names the conversation in the log when it is given up. Never throws. */
  deliver: (d: SlackDelivery, key: string) => Promise<void>;
}

/** The immediate answer to /hojo (within Slack's 3 s), before the turn runs. */
export function commandAck(text: string): { response_type: 'ephemeral'; text: string } {
  return { response_type: 'ephemeral', text: `「${escape(text.trim()) || '（条件なし）'}」で調べています…` };
}

/** The query of a message shortcut: the selected message's text, without mentions. */
const MAX_QUERY = 2_000;

const RESULTS: TurnInput = { kind: 'action', action: { type: 'command', command: 'results' } };

const turnOptions = (deps: SlackDeps, person: string, extra: Partial<TurnOptions> = {}): TurnOptions => ({ date: deps.today(), person, ...extra });

/** Remembers the conditions of an answer for the advisor's Home tab (a store without it keeps none). */
async function remember(deps: SlackDeps, person: string, slots: Slots | undefined): Promise<void> {
  if (!slots || !deps.store.rememberQuery) return;
  const kept = querySlots(knowledge, slots);
  try {
    await deps.store.rememberQuery(person, { id: queryId(kept), slots: kept });
  } catch (err) {
    console.error('remembering a query failed', person, err);
  }
}

/** Publishes the Home tab of a user, with their remembered queries. */
async function publishHome(deps: SlackDeps, team: string, user: string): Promise<void> {
  let recent: Awaited<ReturnType<NonNullable<ConversationStore['recentQueries']>>> = [];
  try {
    recent = (await deps.store.recentQueries?.(personKey('slack', team, user))) ?? [];
  } catch (err) {
    console.error('reading recent queries failed', err);
  }
  const view = homeView(recent.map((q) => ({ id: q.id, summary: querySummary(knowledge, q.slots) })));
  await deps.deliver({ via: 'home', user, view }, conversationKey('slack', team, 'home', user));
}

/** Events: a mention (answered in its thread), a DM, or the Home tab opened. */
export async function handleEvent(deps: SlackDeps, payload: SlackEventCallback): Promise<void> {
  const e = payload.event;
  const team = payload.team_id ?? 'team';
  if (e.type === 'app_home_opened') {
    if (e.tab === 'home' && e.user) await publishHome(deps, team, e.user);
    return;
  }
  const target = eventTarget(payload);
  if (!target) return;
  const key = conversationKey('slack', ...target.key);
  // A thread is registered to the user of its first event; 「データを削除」 deletes that user's DM,
  // command conversations and threads. The message's ts dates it against a deletion.
  const eventTime = Number(e.ts) * 1000;
  const reply = await runTurn(deps.store, key, target.input, turnOptions(deps, personKey('slack', team, e.user!), { ...(eventTime > 0 ? { eventTime } : {}), ...(payload.event_id ? { eventId: payload.event_id } : {}) }));
  if (reply === 'duplicate') return;
  await deps.deliver({ via: 'post', channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), message: renderSlack(reply) }, key);
}

/**
 * A one-line query in the advisor's command conversation (/hojo, the message shortcut):
 * start over, then read the text; the answer is ephemeral. `eventId` (the request's
 * signature on Workers) goes with the restart, so an exact replay is dropped there.
 */
async function query(deps: SlackDeps, where: SlashCommand, text: string, responseUrl: string, eventId?: string): Promise<void> {
  const key = conversationKey('slack', ...commandKey(where));
  const person = personKey('slack', where.team_id ?? 'team', where.user_id ?? 'user');
  const first = await runTurn(deps.store, key, text === '' ? { kind: 'start' } : RESTART, turnOptions(deps, person, eventId ? { eventId } : {}));
  if (first === 'duplicate') return;
  const result = text === '' ? { reply: first } : await runTurnWithSlots(deps.store, key, { kind: 'text', text }, turnOptions(deps, person));
  if (result === 'duplicate') return;
  const reply = result.reply;
  await remember(deps, person, result.slots);
  await deps.deliver({ via: 'respond', url: responseUrl, response_type: 'ephemeral', replace_original: false, message: renderSlack(reply, { share: shareable(reply) }) }, key);
}

/** Only an answer is worth sharing (the share posts the current answer). */
const shareable = (reply: Reply) => reply.kind === 'answer';

/** /hojo [query]: a fresh query, answered only to the advisor. */
export async function handleCommand(deps: SlackDeps, form: SlashCommand, eventId?: string): Promise<void> {
  if (!form.response_url) return;
  const text = (form.text ?? '').trim();
  // `/hojo watch …`: notices of new programs for these conditions, by DM (adapters/follow/slack-watch.ts).
  const watch = /^watch(?:\s+|$)/i.exec(text);
  if (watch) return handleWatch(deps, form, text.slice(watch[0].length).trim(), form.response_url, eventId);
  await query(deps, form, text, form.response_url, eventId);
}

/** The message shortcut 「補助金を調べる」: the selected message's text as a /hojo query. */
export async function handleShortcut(deps: SlackDeps, payload: MessageShortcutPayload, eventId?: string): Promise<void> {
  if (payload.callback_id !== LOOKUP_CALLBACK_ID || !payload.response_url) return;
  const text = stripMentions(payload.message?.text ?? '').slice(0, MAX_QUERY).trim();
  const where: SlashCommand = { ...(payload.team ? { team_id: payload.team.id } : {}), ...(payload.channel ? { channel_id: payload.channel.id } : {}), ...(payload.user ? { user_id: payload.user.id } : {}) };
  await query(deps, where, text, payload.response_url, eventId);
}

/** The pressed message with its buttons retired and the choice shown; undefined when Slack did not send it. */
export function retiredMessage(payload: BlockActionsPayload, chosen: string | undefined): OutgoingMessage | undefined {
  const blocks = payload.message?.blocks;
  if (!blocks) return undefined;
  const kept: (KnownBlock | Block)[] = blocks.filter((b) => b.type !== 'actions').slice(0, SLACK_LIMITS.blocks - 1);
  if (chosen) kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: chosen }] });
  return { text: payload.message?.text || chosen || '選択しました', blocks: kept };
}

/** A button press (block_actions). */
export async function handleAction(deps: SlackDeps, payload: BlockActionsPayload, eventId?: string): Promise<void> {
  const action = payload.actions?.[0];
  const value = action?.value;
  if (!action || !value) return;
  const user = payload.user?.id ?? 'user';
  const person = personKey('slack', payload.team?.id ?? 'team', user);
  // Removal and the list of follow-up settings go to the advisor's DM conversation, where they live.
  const follow = isFollowValue(value) ? followRoute(payload.team?.id ?? 'team', user) : undefined;
  const key = follow?.key ?? conversationKey('slack', ...actionKey(payload));
  const extra = { ...(eventId ? { eventId } : {}), ...follow?.opts };
  const ephemeral = payload.container?.is_ephemeral === true;

  if (action.action_id === SHARE_ACTION_ID) {
    if (!payload.response_url) return;
    const reply = await runTurn(deps.store, key, RESULTS, turnOptions(deps, person, extra));
    if (reply === 'duplicate') return;
    const shared = reply.kind === 'answer';
    const message = shared ? renderSlack(reply, { buttons: false, note: `<@${user}> さんが補助金ナビの結果を共有しました。` }) : renderSlack(reply);
    await deps.deliver({ via: 'respond', url: payload.response_url, response_type: shared ? 'in_channel' : 'ephemeral', replace_original: false, message }, key);
    return;
  }

  if (action.action_id === RERUN_ACTION_ID) {
    await rerun(deps, payload.team?.id ?? 'team', user, value, extra);
    return;
  }

  const result = await runTurnWithSlots(deps.store, key, { kind: 'choice', value }, turnOptions(deps, person, extra));
  if (result === 'duplicate') return;
  const reply = result.reply;
  // An answer reached by pressing on a /hojo answer (the advisor's command conversation) is a query too.
  if (ephemeral) await remember(deps, person, result.slots);
  const label = action.text?.text;
  const chosen = label ? `<@${user}> さんが「${escape(label)}」を選びました。` : undefined;

  if (ephemeral) {
    // The advisor's own message: the answer takes its place, headed by the choice.
    if (!payload.response_url) return;
    const message = renderSlack(reply, { share: shareable(reply), ...(label ? { note: `「${escape(label)}」を選びました。` } : {}) });
    await deps.deliver({ via: 'respond', url: payload.response_url, response_type: 'ephemeral', replace_original: true, message }, key);
    return;
  }

  // A message in a channel thread or a DM: retire the pressed buttons, then answer beside it.
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  const thread = payload.container?.thread_ts ?? payload.message?.thread_ts;
  const retired = retiredMessage(payload, chosen);
  const pressedTs = payload.container?.message_ts ?? payload.message?.ts;
  if (retired && payload.response_url) await deps.deliver({ via: 'respond', url: payload.response_url, replace_original: true, message: retired }, key);
  else if (retired && channel && pressedTs) await deps.deliver({ via: 'update', channel, ts: pressedTs, message: retired }, key);
  const message = renderSlack(reply);
  if (channel) await deps.deliver({ via: 'post', channel, ...(thread ? { thread_ts: thread } : {}), message }, key);
  else if (payload.response_url) await deps.deliver({ via: 'respond', url: payload.response_url, response_type: 'in_channel', replace_original: false, message }, key);
}

/**
 * 「もう一度調べる」 on the Home tab: the remembered query (by its id, looked up in the
 * advisor's own list) as a fresh query in the advisor's DM with the app, answered there
 * (chat.postMessage to the user id); the Home tab is published again, newest first.
 */
async function rerun(deps: SlackDeps, team: string, user: string, id: string, extra: { eventId?: string }): Promise<void> {
  const person = personKey('slack', team, user);
  const key = conversationKey('slack', team, 'im', user);
  const found = (await deps.store.recentQueries?.(person))?.find((q) => q.id === id);
  if (!found) {
    const gone: Reply = { kind: 'fallback', texts: ['その検索条件は見つかりませんでした（削除されたか、30日を過ぎています）。/hojo でもう一度お調べください。'], cards: [], choices: [] };
    await deps.deliver({ via: 'post', channel: user, message: renderSlack(gone) }, key);
    await publishHome(deps, team, user);
    return;
  }
  const result = await runTurnWithSlots(deps.store, key, { kind: 'rerun', slots: found.slots }, turnOptions(deps, person, extra));
  if (result === 'duplicate') return;
  await remember(deps, person, result.slots);
  await deps.deliver({ via: 'post', channel: user, message: renderSlack(result.reply) }, key);
  await publishHome(deps, team, user);
}
