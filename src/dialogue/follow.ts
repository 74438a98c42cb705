// Follow-up for owners (issue 16): 「この制度を保存」 on a card (deadline reminders for
// that track), 「新しい制度をお知らせ」 (the current conditions kept for notices of new or
// changed programs), the list of what is saved (「保存した制度」) with one-tap removal.
// The conversation state holds the settings; every change is copied to the notice
// index by a 'follow' effect (the storage layer), which the daily cron reads.
//
// Effects run after the turn, outside the conversation's one-at-a-time order, so each
// copy carries a revision (incremented by every change here): the index ignores a copy
// no newer than the one it holds. Every follow action emits the effect, even one that
// changes nothing (a save of something saved, a removal of something not saved), so
// pressing again repairs an index a failed effect left behind.
//
// The settings last FOLLOW_DAYS after the last follow action (saving, removing, setting
// or stopping the watch, opening 「保存した制度」): then they are dropped here and the index
// sends nothing more (its copy carries the same date). This keeps them within the
// conversation's own 30-day expiry, so the list never shows less than what is notified,
// and a save after a long silence does not silently replace settings the list no longer
// shows. The confirmation and the list say until when.
//
// Saving needs a channel that can send later (features.follow: the LINE 1:1 chat, the
// Slack DM of /hojo watch); removing and listing work everywhere.
import { addDays, daysBetween, japaneseDate, trackWindow } from '../follow/deadline';
import { choice, type Action } from './actions';
import { programLine } from './answer';
import { matchSlots, type TurnContext } from './plan';
import { querySlots, querySummary } from './recent';
import type { Choice, ConversationState, Reply, Slots } from './types';

/** One saved track. */
export interface SavedProgram {
  programId: string;
  trackId: string;
}

export interface FollowState {
  /** Saved tracks (deadline reminders 14 and 3 days before the window ends). */
  programs: SavedProgram[];
  /** The conditions kept for new-program notices (slots only, never text); absent when off. */
  watch?: Slots;
  /**
   * Incremented by every change (kept when the settings are emptied or expire): the index
   * ignores a copy whose revision is not above the one it holds. Absent in states saved
   * before revisions.
   */
  revision?: number;
  /** YYYY-MM-DD (JST): the first day without notices, FOLLOW_DAYS after the last follow action; absent when nothing is set. */
  expires?: string;
}

export type FollowAction = Extract<Action, { type: 'save' | 'unsave' | 'watch' }> | { type: 'command'; command: 'saved' };

/** At most this many saved tracks (the list's removal buttons fit LINE's 13 quick replies). */
export const MAX_SAVED = 10;

/** The settings (and their notices) last this many days after the last follow action. */
export const FOLLOW_DAYS = 30;

/** When notices arrive (the daily cron, 09:00 JST; never 21:00–08:00). */
export const NOTICE_TIME = 'お知らせは毎朝9時ごろにお送りします。';

const NOT_OFFERED =
  '申し訳ありません。制度の保存とお知らせは、LINEの1対1のトーク（Slackでは「/hojo watch」）でご利用いただけます。このチャットには、こちらからあとでメッセージをお送りすることができません。';

const SAVED = choice('保存した制度', { type: 'command', command: 'saved' });
const WATCH_ON = choice('新しい制度をお知らせ', { type: 'watch', on: true });
const WATCH_OFF = choice('お知らせを停止', { type: 'watch', on: false });
const RESULTS = choice('結果に戻る', { type: 'command', command: 'results' });

const isSaved = (state: ConversationState, programId: string, trackId: string) => Boolean(state.follow?.programs.some((p) => p.programId === programId && p.trackId === trackId));
const hasSettings = (f: FollowState | undefined): f is FollowState => f !== undefined && (f.programs.length > 0 || f.watch !== undefined);

/**
 * Drops settings past their expiry (FOLLOW_DAYS after the last follow action), keeping the
 * revision so that the next copy still supersedes the index's.
 */
function expire(ctx: TurnContext, state: ConversationState): void {
  const f = state.follow;
  if (f?.expires && f.expires <= ctx.date) state.follow = { programs: [], ...(f.revision !== undefined ? { revision: f.revision } : {}) };
}

/** 「お知らせは2025年6月30日までお送りします…」: until when the settings last, and how to keep them. */
function untilLine(state: ConversationState): string {
  const expires = state.follow?.expires;
  if (!expires) return '';
  return `お知らせは${japaneseDate(addDays(expires, -1))}までお送りします（保存・解除や「保存した制度」の確認をした日から${FOLLOW_DAYS}日間。続けるには、それまでに「保存した制度」を開いてください）。`;
}
const sameSlots = (a: Slots | undefined, b: Slots) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** Extra choices under an answer (「新しい制度をお知らせ」) where the channel offers notices. */
export function followChoices(ctx: TurnContext, state: ConversationState): Choice[] {
  if (!ctx.features?.follow) return [];
  expire(ctx, state);
  return sameSlots(state.follow?.watch, querySlots(ctx.knowledge, state.slots)) ? [SAVED] : [WATCH_ON];
}

/** The card's 「この制度を保存」 button (「保存を解除」 once saved), where the channel offers notices. */
export function saveChoice(ctx: TurnContext, state: ConversationState, programId: string, trackId: string): Choice | undefined {
  if (!ctx.features?.follow) return undefined;
  expire(ctx, state);
  const ids = { programId, trackId };
  return isSaved(state, programId, trackId) ? choice('保存を解除', { type: 'unsave', ...ids }) : choice('この制度を保存', { type: 'save', ...ids });
}

/** 「小規模事業者持続化補助金（通常枠）」, or undefined when the knowledge no longer has the track. */
function trackName(ctx: TurnContext, p: SavedProgram): string | undefined {
  const w = trackWindow(ctx.knowledge, p.programId, p.trackId, ctx.date);
  return w ? programLine(w.program.name, w.track.name) : undefined;
}

/** What the saved track's window means for reminders, in one sentence (honest about dates the documents do not give). */
export function deadlineLine(ctx: TurnContext, p: SavedProgram): string {
  const w = trackWindow(ctx.knowledge, p.programId, p.trackId, ctx.date);
  if (!w) return 'この制度は現在の情報にありません。';
  if (w.status.code === 'closed') return `受付は終了しています（${w.status.detail}）。`;
  if (w.end) {
    const days = daysBetween(ctx.date, w.end);
    return `締切 ${japaneseDate(w.end)}（${days === 0 ? '本日締切' : `あと${days}日`}）。`;
  }
  return `締切日は資料に書かれていません（${w.status.label}）。`;
}

/**
 * The reply with the 'follow' effect: a copy of the settings for the index. `changed`: this
 * action changed them. Any follow action renews the expiry (a change too, when the date
 * moves); a state saved before revisions gets its first one.
 */
function withEffect(ctx: TurnContext, state: ConversationState, reply: Reply, changed: boolean): Reply {
  const before = state.follow ?? { programs: [] };
  const expires = hasSettings(before) ? addDays(ctx.date, FOLLOW_DAYS) : undefined;
  const bump = changed || expires !== before.expires || before.revision === undefined;
  const { expires: _old, ...rest } = before;
  const f: FollowState = { ...rest, revision: (before.revision ?? 0) + (bump ? 1 : 0), ...(expires ? { expires } : {}) };
  state.follow = f;
  const until = untilLine(state);
  const texts = until && reply.texts.length > 0 ? [...reply.texts.slice(0, -1), `${reply.texts[reply.texts.length - 1]}\n${until}`] : reply.texts;
  return { ...reply, texts, effects: [...(reply.effects ?? []), { type: 'follow', follow: structuredClone(f) }] };
}

const info = (texts: string[], choices: Choice[]): Reply => ({ kind: 'info', texts, cards: [], choices });

/** Choices after a follow reply: the list, and back to the results when there are some. */
const after = (state: ConversationState, first: Choice[] = []): Choice[] => [...first, SAVED, ...(state.answered ? [RESULTS] : [])];

/**
 * The reply to a follow action (state updated in place). A removal always emits the
 * effect, even when nothing here changed: a notice's button pressed after the
 * conversation expired (30 days) must still stop the index's notices.
 */
export function followAction(ctx: TurnContext, state: ConversationState, action: FollowAction): Reply {
  expire(ctx, state);
  switch (action.type) {
    case 'command':
      return savedList(ctx, state);
    case 'save':
      return save(ctx, state, { programId: action.programId, trackId: action.trackId });
    case 'unsave': {
      const p = { programId: action.programId, trackId: action.trackId };
      const name = trackName(ctx, p) ?? 'その制度';
      // Not saved here (or the conversation expired while the index kept notifying): the index is set to what the state holds.
      if (!isSaved(state, p.programId, p.trackId)) return withEffect(ctx, state, info([`${name}は保存されていません。この制度のお知らせはお送りしません。`], after(state)), false);
      state.follow!.programs = state.follow!.programs.filter((x) => x.programId !== p.programId || x.trackId !== p.trackId);
      return withEffect(ctx, state, info([`${name}の保存を解除しました。この制度のお知らせはお送りしません。`], after(state)), true);
    }
    case 'watch':
      return action.on ? watchOn(ctx, state) : watchOff(ctx, state);
  }
}

function save(ctx: TurnContext, state: ConversationState, p: SavedProgram): Reply {
  if (!ctx.features?.follow) return info([NOT_OFFERED], after(state));
  const name = trackName(ctx, p);
  if (!name) return info(['申し訳ありません。その制度は現在の情報に見つかりませんでした。'], after(state));
  const unsave = choice('保存を解除', { type: 'unsave', ...p });
  // Emitted again: pressing 「この制度を保存」 once more repairs an index a failed effect left behind.
  if (isSaved(state, p.programId, p.trackId)) return withEffect(ctx, state, info([`${name}はすでに保存しています。`], after(state, [unsave])), false);
  const programs = state.follow?.programs ?? [];
  if (programs.length >= MAX_SAVED) return info([`保存できる制度は${MAX_SAVED}件までです。「保存した制度」から不要なものを解除してから、もう一度お試しください。`], after(state));
  state.follow = { ...state.follow, programs: [...programs, p] };
  const w = trackWindow(ctx.knowledge, p.programId, p.trackId, ctx.date)!;
  const when =
    w.status.code === 'closed'
      ? `この枠の受付は、資料の上では終了しています（${w.status.detail}）。受付の再開など、制度の情報が更新されたときにお知らせします。`
      : w.end
        ? `受付の締切（${japaneseDate(w.end)}）の14日前と3日前にお知らせします。制度の情報が更新されたときもお知らせします。`
        : `資料に締切日が書かれていないため（${w.status.label}）、締切のお知らせはできません。制度の情報が更新されたときにお知らせします。`;
  return withEffect(ctx, state, info([`${name}を保存しました。${when}\n${NOTICE_TIME}`], after(state, [unsave])), true);
}

function watchOn(ctx: TurnContext, state: ConversationState): Reply {
  if (!ctx.features?.follow) return info([NOT_OFFERED], after(state));
  if (!state.answered || !matchSlots(ctx, state.slots)) return info(['先に条件（所在地・業種・従業員数・目的）を伺ってから、その条件でお知らせを設定できます。'], []);
  const slots = querySlots(ctx.knowledge, state.slots);
  const summary = querySummary(ctx.knowledge, slots);
  if (sameSlots(state.follow?.watch, slots)) return withEffect(ctx, state, info([`この条件（${summary}）で、すでにお知らせを設定しています。`], after(state, [WATCH_OFF])), false);
  const replaced = state.follow?.watch ? '（前に設定していた条件は、この条件に置き換えました）' : '';
  state.follow = { ...state.follow, programs: state.follow?.programs ?? [], watch: slots };
  return withEffect(
    ctx,
    state,
    info([`次の条件に合う新しい制度や、制度の変更（受付の再開など）があったときにお知らせします${replaced}。\n条件：${summary}\n${NOTICE_TIME}不要になったら「お知らせを停止」を押してください。`], after(state, [WATCH_OFF])),
    true,
  );
}

function watchOff(ctx: TurnContext, state: ConversationState): Reply {
  if (!state.follow?.watch) return withEffect(ctx, state, info(['新しい制度のお知らせは設定されていません。お知らせはお送りしません。'], after(state)), false);
  delete state.follow.watch;
  return withEffect(ctx, state, info(['新しい制度のお知らせを停止しました。'], after(state)), true);
}

/**
 * 「保存した制度」: each saved track with its deadline, and the notice setting, each removable
 * with one tap. Where the channel offers notices, opening it renews the settings (the effect).
 */
function savedList(ctx: TurnContext, state: ConversationState): Reply {
  const follow = state.follow;
  const back = state.answered ? [RESULTS] : [];
  if (!hasSettings(follow)) {
    const how = ctx.features?.follow ? '結果のカードの「この制度を保存」、結果の下の「新しい制度をお知らせ」から設定できます。' : NOT_OFFERED;
    return info([`保存した制度と、お知らせの設定はありません。${how}`], back);
  }
  const texts: string[] = [];
  const choices: Choice[] = [];
  if (follow.programs.length > 0) {
    const lines = follow.programs.map((p, i) => `${i + 1}. ${trackName(ctx, p) ?? `${p.programId}（${p.trackId}）`}\n　${deadlineLine(ctx, p)}`);
    texts.push(['【保存した制度】締切の14日前と3日前にお知らせします（締切日が資料にある制度のみ）。', ...lines].join('\n'));
    follow.programs.forEach((p, i) => {
      const w = trackWindow(ctx.knowledge, p.programId, p.trackId, ctx.date);
      choices.push({ ...choice(`${i + 1}の保存を解除`, { type: 'unsave', ...p }), ...(w ? { subject: w.program.name } : {}) });
    });
  }
  if (follow.watch) {
    texts.push(`【新しい制度のお知らせ】設定中\n条件：${querySummary(ctx.knowledge, follow.watch)}`);
    choices.push(WATCH_OFF);
  }
  texts[texts.length - 1] += `\n\n${NOTICE_TIME}ボタンで1件ずつ解除できます。`;
  const reply = info(texts, [...choices, ...back]);
  return ctx.features?.follow ? withEffect(ctx, state, reply, false) : reply;
}
