// Follow-up for owners (issue 16): 「この制度を保存」 on a card (deadline reminders for
// that track), 「新しい制度をお知らせ」 (the current conditions kept for notices of new or
// changed programs), the list of what is saved (「保存した制度」) with one-tap removal.
// The conversation state holds the settings; every change is copied to the notice
// index by a 'follow' effect (the storage layer), which the daily cron reads.
import type { Action } from './actions';
import type { TurnContext } from './plan';
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
}

export type FollowAction = Extract<Action, { type: 'save' | 'unsave' | 'watch' }> | { type: 'command'; command: 'saved' };

/** The reply to a follow action (state updated in place). TODO(issue 16): implement. */
export function followAction(_ctx: TurnContext, _state: ConversationState, _action: FollowAction): Reply {
  return { kind: 'info', texts: ['この機能はまだ準備中です。'], cards: [], choices: [] };
}

/** Extra choices under an answer (「新しい制度をお知らせ」) where the channel offers notices. */
export function followChoices(_ctx: TurnContext, _state: ConversationState): Choice[] {
  return [];
}

/** The card's 「この制度を保存」 button, where the channel offers notices. */
export function saveChoice(_ctx: TurnContext, _state: ConversationState, _programId: string, _trackId: string): Choice | undefined {
  return undefined;
}
