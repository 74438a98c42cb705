// Every button and postback value as a typed action. This module is the only code
// that knows the string format (compact, ≤ 300 characters for LINE postback data);
// everything else builds and reads named actions.

/** `saved`: the saved programs and the notice setting (src/dialogue/follow.ts). */
export const COMMANDS = ['restart', 'help', 'delete', 'back', 'results', 'change', 'saved'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Slots a user can choose to change (「条件を変える」). */
export const CHANGEABLE_SLOTS = ['region', 'industry', 'employees', 'goal', 'expense'] as const;
export type ChangeableSlot = (typeof CHANGEABLE_SLOTS)[number];

export type Action =
  | { type: 'command'; command: CommandName }
  | { type: 'change'; slot: ChangeableSlot }
  | { type: 'detail'; programId: string; trackId: string }
  | { type: 'calc'; programId: string; trackId: string }
  /** 「他の枠」: every track of one program. */
  | { type: 'tracks'; programId: string }
  | { type: 'region'; prefecture: string; municipality: string }
  | { type: 'industry'; industry: string }
  | { type: 'employees'; employees: number }
  | { type: 'capital'; capitalYen: number }
  /** `null`: 「特に決めていない」. */
  | { type: 'goal'; goal: string | null }
  /** `null`: 「まだ分からない」. */
  | { type: 'expense'; expenseYen: number | null }
  /** A follow-up question's answer; `null`: 「分からない」. */
  | { type: 'answer'; question: string; value: string | null }
  /** The answer to 「本当に削除しますか？」 (the 'delete' command asks first): only `confirmed: true` deletes. */
  | { type: 'delete'; confirmed: boolean }
  /**
   * The handoff to a 商工会 advisor (src/dialogue/handoff.ts): `offer` shows what would be
   * shared; only `consent` sends it; `cancel` sends nothing; `end` closes an open case.
   */
  | { type: 'handoff'; step: HandoffStep }
  /** 「この制度を保存」 / its removal: deadline reminders for one track (src/dialogue/follow.ts). */
  | { type: 'save'; programId: string; trackId: string }
  | { type: 'unsave'; programId: string; trackId: string }
  /** 「新しい制度をお知らせ」: keep the current conditions for new-program notices; `on: false` stops them. */
  | { type: 'watch'; on: boolean };

export const HANDOFF_STEPS = ['offer', 'consent', 'cancel', 'end'] as const;
export type HandoffStep = (typeof HANDOFF_STEPS)[number];

/** The choice value meaning 「other municipality」 of a prefecture. */
export const OTHER_MUNICIPALITY = 'その他';

const SEP = ':';
const MAX_ENCODED = 300;

export function encodeAction(a: Action): string {
  switch (a.type) {
    case 'command':
      return `cmd:${a.command}`;
    case 'change':
      return `ch:${a.slot}`;
    case 'detail':
      return `d:${a.programId}:${a.trackId}`;
    case 'calc':
      return `c:${a.programId}:${a.trackId}`;
    case 'tracks':
      return `o:${a.programId}`;
    case 'region':
      return `s:muni:${a.prefecture}:${a.municipality}`;
    case 'industry':
      return `s:ind:${a.industry}`;
    case 'employees':
      return `s:emp:${a.employees}`;
    case 'capital':
      return `s:cap:${a.capitalYen}`;
    case 'goal':
      return `s:goal:${a.goal ?? 'none'}`;
    case 'expense':
      return `s:exp:${a.expenseYen ?? 'skip'}`;
    case 'answer':
      return `a:${a.question}:${a.value ?? '__skip'}`;
    case 'delete':
      return `del:${a.confirmed ? 'yes' : 'no'}`;
    case 'handoff':
      return `h:${a.step}`;
    case 'save':
      return `sv:${a.programId}:${a.trackId}`;
    case 'unsave':
      return `us:${a.programId}:${a.trackId}`;
    case 'watch':
      return `w:${a.on ? 'on' : 'off'}`;
  }
}

const ID = /^[A-Za-z0-9_+\-]{1,80}$/;
const PLACE = /^[^:\s]{1,20}$/;
/** A whole number of yen or people: no sign, no exponent, within what any business could state. */
function wholeNumber(s: string | undefined, max: number): number | undefined {
  if (s === undefined || !/^\d{1,13}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}
const MAX_YEN = 1_000_000_000_000; // 1兆円
const MAX_PEOPLE = 1_000_000;

/** Reads a button value; `undefined` for anything unknown, stale or malformed (never throws). */
export function decodeAction(value: unknown): Action | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ENCODED) return undefined;
  const [head, ...rest] = value.split(SEP);
  const [a, b, c] = rest;
  switch (head) {
    case 'cmd':
      return rest.length === 1 && (COMMANDS as readonly string[]).includes(a!) ? { type: 'command', command: a as CommandName } : undefined;
    case 'ch':
      return rest.length === 1 && (CHANGEABLE_SLOTS as readonly string[]).includes(a!) ? { type: 'change', slot: a as ChangeableSlot } : undefined;
    case 'd':
    case 'c':
      if (rest.length !== 2 || !ID.test(a!) || !ID.test(b!)) return undefined;
      return { type: head === 'd' ? 'detail' : 'calc', programId: a!, trackId: b! };
    case 'o':
      return rest.length === 1 && ID.test(a!) ? { type: 'tracks', programId: a! } : undefined;
    case 'a':
      if (rest.length !== 2 || !ID.test(a!) || !/^[^:]{1,80}$/.test(b!)) return undefined;
      return { type: 'answer', question: a!, value: b === '__skip' ? null : b! };
    case 's':
      return decodeSlot(a, b, c, rest.length);
    case 'del':
      return rest.length === 1 && (a === 'yes' || a === 'no') ? { type: 'delete', confirmed: a === 'yes' } : undefined;
    case 'h':
      return rest.length === 1 && (HANDOFF_STEPS as readonly string[]).includes(a!) ? { type: 'handoff', step: a as HandoffStep } : undefined;
    case 'sv':
    case 'us':
      if (rest.length !== 2 || !ID.test(a!) || !ID.test(b!)) return undefined;
      return { type: head === 'sv' ? 'save' : 'unsave', programId: a!, trackId: b! };
    case 'w':
      return rest.length === 1 && (a === 'on' || a === 'off') ? { type: 'watch', on: a === 'on' } : undefined;
    default:
      return undefined;
  }
}

function decodeSlot(slot: string | undefined, b: string | undefined, c: string | undefined, parts: number): Action | undefined {
  if (slot === 'muni') {
    if (parts !== 3 || !PLACE.test(b!) || !PLACE.test(c!)) return undefined;
    return { type: 'region', prefecture: b!, municipality: c! };
  }
  if (parts !== 2) return undefined;
  switch (slot) {
    case 'ind':
      return ID.test(b!) ? { type: 'industry', industry: b! } : undefined;
    case 'emp': {
      const n = wholeNumber(b, MAX_PEOPLE);
      return n === undefined ? undefined : { type: 'employees', employees: n };
    }
    case 'cap': {
      const n = wholeNumber(b, MAX_YEN);
      return n === undefined ? undefined : { type: 'capital', capitalYen: n };
    }
    case 'goal':
      return b === 'none' ? { type: 'goal', goal: null } : ID.test(b!) ? { type: 'goal', goal: b! } : undefined;
    case 'exp': {
      if (b === 'skip') return { type: 'expense', expenseYen: null };
      const n = wholeNumber(b, MAX_YEN);
      return n === undefined || n === 0 ? undefined : { type: 'expense', expenseYen: n };
    }
    default:
      return undefined;
  }
}

/** A button: its full label (each renderer shortens it for its platform) and its action. */
export const choice = (label: string, action: Action) => ({ label, value: encodeAction(action) });

/** Start over (a one-line /hojo query replaces the conversation's conditions). */
export const RESTART = { kind: 'action', action: { type: 'command', command: 'restart' } } as const;
