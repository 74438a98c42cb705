// One turn pipeline for every channel: an adapter verifies and parses a platform
// payload, then calls runTurn(store, key, input, opts), renders the reply and sends
// it. The store runs the turn atomically per conversation (the Durable Object on
// Workers, memory for the Bolt Socket Mode runner): dedupe, load, engine, save.
import type { Features } from '../dialogue/plan';
import type { Reply, ReplyEffect, Slots, TurnInput } from '../dialogue/types';

/**
 * Where a person can be reached outside a reply (a case's news, notices): a LINE user
 * (push), a web chat id (its inbox, fetched by the page) or a Slack user (a DM).
 */
export type Address = { platform: 'line'; userId: string } | { platform: 'web'; userId: string } | { platform: 'slack'; team: string; user: string };

export interface TurnOptions {
  /** YYYY-MM-DD (JST) for statuses. */
  date: string;
  /** Platform event id (LINE webhookEventId, Slack event_id or request signature): a repeat is ignored. */
  eventId?: string;
  /**
   * When the platform says the event happened (ms since the epoch, the platform's clock: LINE
   * `timestamp`, Slack `event.ts`). An event older than a deletion of this conversation is
   * dropped (the tombstone), so a late redelivery cannot recreate what was deleted.
   */
  eventTime?: number;
  /**
   * The person this turn comes from, per platform (`line:<userId>`, `slack:<team>:<user>`).
   * A conversation is registered to the person of its first turn; 「データを削除」 then
   * deletes every conversation registered to the person. Web and API users have none:
   * their id is their one conversation.
   */
  person?: string;
  /** What the channel offers (the handoff, saving and notices); none by default. */
  features?: Features;
  /** Where the person can be reached later (needed by the handoff and notices). */
  address?: Address;
}

/** What a deletion records: the platform time of the deleting event, if known. */
export interface ForgetOptions {
  eventTime?: number;
}

/** `slots`: the conditions the reply answered, with every answer (reply.kind 'answer'). */
export type TurnOutcome = { duplicate: true } | { duplicate: false; reply: Reply; slots?: Slots };

/** A query remembered for a person (the Slack App Home): its compact id, its conditions, when. */
export interface RecentQuery {
  id: string;
  slots: Slots;
  at: number;
}

export interface ConversationStore {
  /** Runs one turn of the conversation `key`, once per event id. Throws only on a fault. */
  turn(key: string, input: TurnInput, opts: TurnOptions): Promise<TurnOutcome>;
  /** Forgets one conversation (idempotent; it keeps a tombstone against redeliveries). */
  forget(key: string, opts?: ForgetOptions): Promise<void>;
  /** Forgets every conversation registered to a person (idempotent). Stores without people omit it. */
  forgetPerson?(person: string, opts?: ForgetOptions): Promise<void>;
  /**
   * Remembers a query of a person (newest first, deduplicated by id, at most MAX_RECENT),
   * kept with the person's conversations: deleted with them, expired with them.
   */
  rememberQuery?(person: string, query: { id: string; slots: Slots }): Promise<void>;
  /** The person's remembered queries, newest first (none after a deletion or 30 days). */
  recentQueries?(person: string): Promise<RecentQuery[]>;
  /**
   * Carries out one effect of a reply (open a case, relay to it, close it, copy the
   * follow-up settings to the notice index). It may return a turn input, run next in the
   * same conversation, whose reply replaces the first one (the case opened, or failed).
   * Throws on a fault. Stores without it offer none of these features.
   */
  effect?(key: string, effect: ReplyEffect, opts: TurnOptions): Promise<TurnInput | undefined>;
}

/** The person key of a platform user: `line:<userId>`, `slack:<team>:<user>`. */
export function personKey(platform: string, ...parts: string[]): string {
  return [platform, ...parts].join(':');
}

/** The conversation key of a platform's conversation parts. */
export function conversationKey(platform: string, ...parts: string[]): string {
  return [platform, ...parts].join(':');
}

/** What a user sees when a turn fails: the state is unchanged and the event may be sent again. */
export const TURN_FAILED: Reply = {
  kind: 'fallback',
  texts: ['申し訳ありません。ただいま処理できませんでした。少し時間をおいて、もう一度お送りください。入力いただいた条件はそのまま残っています。'],
  cards: [],
  choices: [],
};

/** What the owner sees when their message could not be passed to the advisor. */
export const RELAY_FAILED: Reply = {
  kind: 'fallback',
  texts: ['申し訳ありません。担当者へのメッセージの送信に失敗しました。少し時間をおいて、もう一度お送りください。'],
  cards: [],
  choices: [],
};

/** What a user sees when 「データを削除」 deleted this conversation but not all the others. */
export const FORGET_INCOMPLETE: Reply = {
  kind: 'fallback',
  texts: ['申し訳ありません。このトークの入力内容は削除しましたが、ほかのトーク（グループなど）の入力内容を削除できませんでした。少し時間をおいて、もう一度「データを削除」とお送りください。'],
  cards: [],
  choices: [],
};

/**
 * One turn: the reply, 'duplicate' for an event already handled (or older than a deletion),
 * or an apology when the turn failed. A turn that deletes (「データを削除」) deletes every
 * conversation of the turn's person, not only this one.
 */
export async function runTurn(store: ConversationStore, key: string, input: TurnInput, opts: TurnOptions): Promise<Reply | 'duplicate'> {
  const r = await runTurnWithSlots(store, key, input, opts);
  return r === 'duplicate' ? r : r.reply;
}

/** runTurn, with the conditions an answer was given for (to remember the query). */
export async function runTurnWithSlots(store: ConversationStore, key: string, input: TurnInput, opts: TurnOptions): Promise<{ reply: Reply; slots?: Slots } | 'duplicate'> {
  let outcome: TurnOutcome;
  try {
    outcome = await store.turn(key, input, opts);
  } catch (err) {
    console.error('turn failed', key, err);
    return { reply: TURN_FAILED };
  }
  if (outcome.duplicate) return 'duplicate';
  if (outcome.reply.forget && opts.person && store.forgetPerson) {
    try {
      await store.forgetPerson(opts.person, opts.eventTime === undefined ? {} : { eventTime: opts.eventTime });
    } catch (err) {
      console.error('forgetting a person failed', key, err);
      return { reply: FORGET_INCOMPLETE };
    }
  }
  const reply = outcome.reply.effects ? await runEffects(store, key, outcome.reply, opts) : outcome.reply;
  return outcome.slots ? { reply, slots: outcome.slots } : { reply };
}

/** The reply's effects, in order; a follow-up turn's reply replaces the reply shown. */
async function runEffects(store: ConversationStore, key: string, first: Reply, opts: TurnOptions): Promise<Reply> {
  const { effects, ...rest } = first;
  let reply: Reply = rest;
  for (const effect of effects ?? []) {
    let next: TurnInput | undefined;
    try {
      if (!store.effect) throw new Error('this store carries out no effects');
      next = await store.effect(key, effect, opts);
    } catch (err) {
      console.error('effect failed', effect.type, key, err);
      if (effect.type === 'handoff') next = { kind: 'case', event: { type: 'failed' } };
      else if (effect.type === 'relay') return RELAY_FAILED;
      // The settings are saved in the conversation but not in the notice index: pressing again repairs it.
      else if (effect.type === 'follow') return { ...reply, kind: 'fallback', texts: ['申し訳ありません。お知らせの設定を保存できませんでした。もう一度お試しください。'] };
    }
    if (!next) continue;
    const { eventId: _e, eventTime: _t, ...turnOpts } = opts;
    try {
      const o = await store.turn(key, next, turnOpts);
      if (!o.duplicate) reply = o.reply;
    } catch (err) {
      console.error('turn failed', key, err);
      return TURN_FAILED;
    }
  }
  return reply;
}
