// One turn pipeline for every channel: an adapter verifies and parses a platform
// payload, then calls runTurn(store, key, input, opts), renders the reply and sends
// it. The store runs the turn atomically per conversation (the Durable Object on
// Workers, memory for the Bolt Socket Mode runner): dedupe, load, engine, save.
import type { Reply, TurnInput } from '../dialogue/types';

export interface TurnOptions {
  /** YYYY-MM-DD (JST) for statuses. */
  date: string;
  /** Platform event id (LINE webhookEventId, Slack event_id or request signature): a repeat is ignored. */
  eventId?: string;
}

export type TurnOutcome = { duplicate: true } | { duplicate: false; reply: Reply };

export interface ConversationStore {
  /** Runs one turn of the conversation `key`, once per event id. Throws only on a fault. */
  turn(key: string, input: TurnInput, opts: TurnOptions): Promise<TurnOutcome>;
  /** Forgets one conversation. */
  forget(key: string): Promise<void>;
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

/** One turn: the reply, 'duplicate' for an event already handled, or an apology when the turn failed. */
export async function runTurn(store: ConversationStore, key: string, input: TurnInput, opts: TurnOptions): Promise<Reply | 'duplicate'> {
  try {
    const outcome = await store.turn(key, input, opts);
    return outcome.duplicate ? 'duplicate' : outcome.reply;
  } catch (err) {
    console.error('turn failed', key, err);
    return TURN_FAILED;
  }
}
