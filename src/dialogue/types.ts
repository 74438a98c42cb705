// The platform-neutral dialogue: conversation state, a user's turn, and the reply
// model that the LINE, Slack and web renderers turn into their own messages.
import type { Answers } from '../core/conditions';

export interface Slots {
  prefecture?: string;
  municipality?: string;
  industry?: string;
  employees?: number;
  capitalYen?: number;
  /** Goal ids; an empty list means 「特に決めていない」. */
  goals?: string[];
  /** Planned expense (税抜); null when the user does not know yet. */
  expenseYen?: number | null;
  answers: Answers;
}

export type Step =
  | 'region'
  | 'municipality'
  | 'industry'
  | 'employees'
  | 'capital'
  | 'goal'
  | 'expense'
  | `q:${string}`
  | 'answered';

export interface ConversationState {
  version: 1;
  slots: Slots;
  step: Step;
  /** Follow-up question ids already asked (answered or skipped). */
  asked: string[];
  /** Previous (slots, step) for 「戻る」; newest last, at most 10. */
  history: { slots: Slots; step: Step; asked: string[] }[];
  /** programId:trackId of the cards last shown, so 「1番の内訳」 can refer to them. */
  lastResults: string[];
}

export type TurnInput =
  | { kind: 'start' }
  | { kind: 'text'; text: string }
  | { kind: 'choice'; value: string }
  | { kind: 'location'; address: string }
  | { kind: 'unsupported'; what: 'sticker' | 'image' | 'audio' | 'video' | 'file' | 'other' };

export interface Choice {
  /** Button label (kept ≤ 20 characters so LINE quick replies fit). */
  label: string;
  /** Compact postback value (≤ 300 characters). */
  value: string;
}

export interface CardField {
  label: string;
  value: string;
}

export interface ProgramCard {
  programId: string;
  trackId: string;
  title: string;
  subtitle: string;
  issuer: string;
  verdict: 'eligible' | 'check' | 'ineligible';
  verdictLabel: string;
  /** 「補助額の目安 1,000,000円」, or the loan/tax/service benefit in one line. */
  headline: string;
  fields: CardField[];
  /** The working: 経費 × 補助率 → 上限 → 補助額, 自己負担. */
  working: string[];
  statusCode: 'open' | 'upcoming' | 'closed' | 'rolling' | 'tbd';
  statusLabel: string;
  source: string;
  actions: Choice[];
}

export type ReplyKind = 'question' | 'answer' | 'detail' | 'info' | 'help' | 'deleted' | 'fallback';

export interface Reply {
  kind: ReplyKind;
  texts: string[];
  cards: ProgramCard[];
  choices: Choice[];
  /** The question the bot is waiting for, if any. */
  question?: { id: string; label: string };
  /** The user asked to forget their data: the storage layer must delete it. */
  forget?: boolean;
}

export function initialState(): ConversationState {
  return { version: 1, slots: { answers: {} }, step: 'region', asked: [], history: [], lastResults: [] };
}
