// The platform-neutral dialogue: conversation state, a user's turn, and the reply
// model that the LINE, Slack and web renderers turn into their own messages.
import type { Answers } from '../core/conditions';
import type { Action } from './actions';
import type { CaseDraft, CaseEvent, HandoffState } from './handoff';
import type { FollowState } from './follow';

export type { CaseDraft, CaseEvent, FollowState, HandoffState };

/** An expense stated for one purpose (「展示会50万、HP16万」). */
export interface PurposeExpense {
  yen: number;
  /** Goal id of the purpose. */
  goal: string;
  /** The purpose as the user wrote it (「展示会」「HP」). */
  label: string;
}

export interface Slots {
  prefecture?: string;
  municipality?: string;
  industry?: string;
  employees?: number;
  capitalYen?: number;
  /** Goal ids; an empty list means 「特に決めていない」. */
  goals?: string[];
  /** The taxonomy words the goals were read from (「インボイス」「レジ」), never free text. */
  goalWords?: string[];
  /** Planned expense (税抜) for the whole plan; null when the user does not know yet. */
  expenseYen?: number | null;
  /** Several expenses, each for its purpose: tracks get the ones their goals serve. */
  expenses?: PurposeExpense[];
  /** An expense per person (「受検料は1人3万円」): × the number of persons. */
  perPersonYen?: number;
  /** The purpose of the per-person expense, when written (受検料 → 技能検定): only its tracks use it. */
  perPersonGoal?: string;
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

export const STATE_VERSION = 2;

export interface ConversationState {
  version: typeof STATE_VERSION;
  slots: Slots;
  /** The question the bot is waiting for; 'answered' when none is pending. */
  step: Step;
  /** The answer has been shown: later questions are refinements under it. */
  answered: boolean;
  /** Follow-up question ids already asked (answered or skipped). */
  asked: string[];
  /** The refinements listed under the last answer (step ids): a bare answer may fill any of them. */
  offered: string[];
  /** Previous (slots, step) for 「戻る」; newest last, at most 10. */
  history: { slots: Slots; step: Step; asked: string[] }[];
  /** programId:trackId of the cards last shown, so 「1番の内訳」 can refer to them. */
  lastResults: string[];
  /** A handoff to a 商工会 advisor: the consent step, or the open case (src/dialogue/handoff.ts). */
  handoff?: HandoffState;
  /** Saved programs and the saved conditions for new-program notices (src/dialogue/follow.ts). */
  follow?: FollowState;
  /** The ids of the cases this conversation opened (no content): 「データを削除」 withdraws them, open or closed. */
  cases?: string[];
}

/** Reads stored state of any earlier version; undefined when it is not a conversation state. */
export function migrateState(raw: unknown): ConversationState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as { version?: unknown; step?: unknown; answered?: unknown } & Partial<Omit<ConversationState, 'version' | 'step' | 'answered'>>;
  if (!s.slots || typeof s.slots !== 'object' || typeof s.step !== 'string') return undefined;
  const step = s.step as Step;
  const base = {
    slots: { ...s.slots, answers: { ...(s.slots.answers ?? {}) } },
    step,
    asked: s.asked ?? [],
    offered: s.offered ?? [],
    history: s.history ?? [],
    lastResults: s.lastResults ?? [],
    ...(s.handoff ? { handoff: s.handoff } : {}),
    ...(s.follow ? { follow: s.follow } : {}),
    ...(s.cases ? { cases: s.cases } : {}),
  };
  // v1 had no `answered` flag: its answer had been shown exactly when the step was 'answered'.
  if (s.version === 1) return { ...base, version: STATE_VERSION, answered: step === 'answered' };
  if (s.version === STATE_VERSION) return { ...base, version: STATE_VERSION, answered: Boolean(s.answered) };
  return undefined;
}

export type TurnInput =
  | { kind: 'start' }
  | { kind: 'text'; text: string }
  /** A button press or postback: an encoded action (src/dialogue/actions.ts), checked on decoding. */
  | { kind: 'choice'; value: string }
  /** An action the adapter itself takes (start over before a one-line /hojo query). */
  | { kind: 'action'; action: Action }
  | { kind: 'location'; address: string }
  /** Rerun a remembered query (Slack App Home 「もう一度調べる」): start over with these conditions. */
  | { kind: 'rerun'; slots: Slots }
  /** What happened to the conversation's case (src/dialogue/handoff.ts): opened, claimed, an advisor's message, closed. */
  | { kind: 'case'; event: CaseEvent }
  | { kind: 'unsupported'; what: 'sticker' | 'image' | 'audio' | 'video' | 'file' | 'other' };

export interface Choice {
  /** The full button label; each renderer shortens it for its platform, with 「…」. */
  label: string;
  /** An encoded action (src/dialogue/actions.ts), ≤ 300 characters. */
  value: string;
  /** What the button is about (a card's program name): a renderer that echoes the press names it (LINE displayText). */
  subject?: string;
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
  /** One short line: why this card is shown (「目的（展示会・見本市への出展）にぴったりの制度です」). */
  reason: string;
  /** The program's other tracks on one line, if any (「他の枠：賃金引上げ枠 上限200万円 …」). */
  otherTracks?: string;
  actions: Choice[];
}

export type ReplyKind = 'question' | 'answer' | 'detail' | 'info' | 'help' | 'deleted' | 'fallback' | 'relayed';

/**
 * What the turn asks the storage layer to do beyond saving the state (runTurnWithSlots
 * carries them out through the store): open a case, relay the owner's message to the
 * case's thread, close the case, copy the follow-up settings to the notice index.
 */
export type ReplyEffect =
  | { type: 'handoff'; draft: CaseDraft }
  | { type: 'relay'; caseId: string; text: string }
  | { type: 'close-case'; caseId: string }
  | { type: 'follow'; follow: FollowState };

export interface Reply {
  kind: ReplyKind;
  texts: string[];
  cards: ProgramCard[];
  choices: Choice[];
  /** The question the bot is waiting for, if any. */
  question?: { id: string; label: string };
  /** The user asked to forget their data: the storage layer must delete it. */
  forget?: boolean;
  /** Work for the storage layer (see ReplyEffect); a 'relayed' reply with no texts sends nothing. */
  effects?: ReplyEffect[];
}

/** A reply with nothing to show (an owner's message relayed to the advisor): adapters send nothing. */
export const isSilent = (reply: Reply) => reply.texts.length === 0 && reply.cards.length === 0;

export function initialState(): ConversationState {
  return { version: STATE_VERSION, slots: { answers: {} }, step: 'region', answered: false, asked: [], offered: [], history: [], lastResults: [] };
}
