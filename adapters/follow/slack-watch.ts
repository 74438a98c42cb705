// Slack `/hojo watch …` (issue 16): an advisor saves a query's conditions for notices of
// new or changed programs, delivered as a DM from the app by the daily cron (Workers).
//
// - `/hojo watch 金沢市 製造業 8人 展示会`: the query is answered (ephemeral, like /hojo)
//   and, once it reached an answer, its conditions are kept (「新しい制度をお知らせ」).
// - `/hojo watch` alone: what is saved, each removable with one tap.
// The settings live in the advisor's DM conversation with the app (`slack:<team>:im:<user>`):
// the notices arrive there, and their buttons (お知らせを停止, 保存を解除, 保存した制度) are
// routed to it from wherever they are pressed (followRoute), so the state and the
// notice index stay one. The Bolt runner keeps no index and has no cron: it says so.
import { decodeAction, RESTART } from '../../src/dialogue/actions';
import type { Reply, TurnInput } from '../../src/dialogue/types';
import { conversationKey, personKey, runTurn, runTurnWithSlots, type TurnOptions } from '../../src/state/store';
import type { SlackDeps } from '../slack/handlers';
import type { SlashCommand } from '../slack/events';
import { renderSlack } from '../slack/render';

const WHERE = 'お知らせは、このアプリとのDM（メッセージタブ）に届きます。';
const NO_CRON = '※この環境（Socket Mode の実行）ではお知らせを送りません。お知らせは Cloudflare Workers 版で毎朝9時ごろに送られます。';
const NOT_ANSWERED = 'お知らせの条件は保存していません（条件が足りません）。「/hojo watch 金沢市 製造業 8人 展示会」のように、所在地・業種・従業員数・目的を一度にお送りください。';

const SAVED: TurnInput = { kind: 'action', action: { type: 'command', command: 'saved' } };
const WATCH_ON: TurnInput = { kind: 'action', action: { type: 'watch', on: true } };

/** The advisor's follow-up conversation (their DM with the app) and the turn options that offer notices. */
export function followRoute(team: string, user: string): { key: string; opts: Pick<TurnOptions, 'features' | 'address'> } {
  return { key: conversationKey('slack', team, 'im', user), opts: { features: { follow: true }, address: { platform: 'slack', team, user } } };
}

/** A pressed value that belongs to the follow-up settings (removal, the list): routed to followRoute. */
export function isFollowValue(value: string): boolean {
  const a = decodeAction(value);
  return a?.type === 'unsave' || a?.type === 'watch' || (a?.type === 'command' && a.command === 'saved');
}

const note = (reply: Reply, line: string): Reply => ({ ...reply, texts: [...reply.texts, line] });

/** `/hojo watch [query]` (text after `watch`). */
export async function handleWatch(deps: SlackDeps, form: SlashCommand, text: string, responseUrl: string, eventId?: string): Promise<void> {
  const team = form.team_id ?? 'team';
  const user = form.user_id ?? 'user';
  const { key, opts } = followRoute(team, user);
  const options = (extra: Partial<TurnOptions> = {}): TurnOptions => ({ date: deps.today(), person: personKey('slack', team, user), ...opts, ...extra });
  const where = deps.store.effect ? WHERE : `${WHERE}\n${NO_CRON}`;
  const respond = (reply: Reply, buttons = true) => deps.deliver({ via: 'respond', url: responseUrl, response_type: 'ephemeral', replace_original: false, message: renderSlack(reply, { buttons }) }, key);

  if (text === '') {
    const list = await runTurn(deps.store, key, SAVED, options(eventId ? { eventId } : {}));
    if (list !== 'duplicate') await respond(note(list, where));
    return;
  }
  const first = await runTurn(deps.store, key, RESTART, options(eventId ? { eventId } : {}));
  if (first === 'duplicate') return;
  const answer = await runTurnWithSlots(deps.store, key, { kind: 'text', text }, options());
  if (answer === 'duplicate') return;
  if (answer.reply.kind !== 'answer') {
    await respond(note(answer.reply, NOT_ANSWERED));
    return;
  }
  // The answer as a record of what is watched: its buttons would continue another conversation.
  await respond(answer.reply, false);
  const saved = await runTurn(deps.store, key, WATCH_ON, options());
  if (saved !== 'duplicate') await respond(note(saved, where));
}
