// One spec per slot: when it is needed, its prompt and choices, how a button and a
// bare typed answer fill it, and its line in the summary. The required slots form
// one ordered list; follow-up questions (from the knowledge base) are specs too.
import type { Knowledge, Question } from '../core/knowledge/types';
import { sizeClassOf } from '../core/size-class';
import { findMunicipality } from '../core/taxonomy';
import { yen } from '../core/yen';
import { choice, OTHER_MUNICIPALITY, type Action } from './actions';
import { parseAmounts, parseCount } from './parse/numbers';
import { fuzzyGoal, fuzzyIndustry } from './parse/slots';
import type { Choice, Slots } from './types';

/** Applies a value to the slots. */
export type Fill = (slots: Slots) => void;

export interface SlotSpec {
  /** The step id ('employees', or 'q:<question id>' for a follow-up). */
  id: string;
  /** The slot's name in confirmations and summaries (「従業員」). */
  name: string;
  /** Must be asked before the answer (required slots only). */
  needed(k: Knowledge, s: Slots): boolean;
  prompt(k: Knowledge, s: Slots): { label: string; choices: Choice[] };
  /** A button press for this slot; undefined when the action is not a valid value of it. */
  fromAction(k: Knowledge, s: Slots, a: Action): Fill | undefined;
  /** A message that is only an answer to this question (「8」「3人」「はい」「300万」). */
  fromText(k: Knowledge, s: Slots, text: string): Fill | undefined;
  /** The current value for the summary and change confirmations; undefined when unset. */
  show(k: Knowledge, s: Slots): string | undefined;
  /** The slot fields it fills (「戻る」 restores them). */
  fields: readonly (keyof Slots)[];
}

export const UNKNOWN = /^(わからない|分からない|わかりません|分かりません|不明|未定|まだ|まだ決めていない|スキップ|skip)/i;
/** 「従業員はいません」「従業員なし」「一人でやっています」: no employees. */
export const NO_EMPLOYEES = /(従業員|社員|スタッフ|雇用)(は|が)?(い(ない|ません)|なし|ゼロ|0人|おりません)|^(いません|いない|なし|ゼロ|0|0人)$|(一人|ひとり|1人)で(やって|やります|やる|経営|営んで|営業)/;
const NO_GOAL = /^(特に(ない|なし|決めていない|決まっていない)|とくにない|なんでも|何でも|決めていない|決まっていない|未定|全部|すべて|いろいろ)/;
const YES = /^(はい|yes|ある|あります|する|します|予定あり|該当する|該当します|そう|そうです|ok|うん)/i;
const NO = /^(いいえ|no|ない|ありません|しない|しません|予定なし|該当しない|該当しません|違う|ちがう|いや)/i;

const industryLabel = (k: Knowledge, id: string) => k.ix.industryById.get(id)?.label ?? id;
const goalLabel = (k: Knowledge, id: string) => k.ix.goalById.get(id)?.label ?? id;

/** Prefectures with local programs, in knowledge-base order. */
/** Prefectures with local programs, in knowledge-base order (the compiled program index's keys). */
const prefecturesWithLocal = (k: Knowledge) => [...k.ix.programs.byPrefecture.keys()];

/**
 * The municipalities of a prefecture that have programs of their own. Read from the compiled
 * index: `needed` asks this on every turn, so it must not walk every program.
 */
export function municipalitiesWithPrograms(k: Knowledge, prefecture: string): string[] {
  const prefix = `${prefecture}|`;
  return [...k.ix.programs.byMunicipality.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
}

const setRegion = (k: Knowledge, prefecture: string, municipality: string): Fill | undefined => {
  if (!k.prefectures.some((p) => p.name === prefecture)) return undefined;
  const known = municipality === OTHER_MUNICIPALITY || k.prefectures.some((p) => p.name === prefecture && p.municipalities.includes(municipality));
  if (!known) return undefined;
  return (s) => {
    s.prefecture = prefecture;
    s.municipality = municipality;
  };
};

const region: SlotSpec = {
  id: 'region',
  fields: ['prefecture', 'municipality'],
  name: '所在地',
  needed: (_k, s) => !s.prefecture,
  prompt: (k) => ({
    label: '事業所の所在地（都道府県と市区町村）を教えてください。例：「石川県金沢市」',
    choices: [
      ...prefecturesWithLocal(k).flatMap((p) => municipalitiesWithPrograms(k, p).map((m) => choice(`${p}${m}`, { type: 'region', prefecture: p, municipality: m }))),
      ...prefecturesWithLocal(k).map((p) => choice(`${p}（その他）`, { type: 'region', prefecture: p, municipality: OTHER_MUNICIPALITY })),
    ],
  }),
  fromAction: (k, _s, a) => (a.type === 'region' ? setRegion(k, a.prefecture, a.municipality) : undefined),
  fromText: () => undefined,
  show: (_k, s) => (s.prefecture ? `${s.prefecture}${s.municipality && s.municipality !== OTHER_MUNICIPALITY ? s.municipality : ''}` : undefined),
};

const municipality: SlotSpec = {
  id: 'municipality',
  fields: ['municipality'],
  name: '市区町村',
  needed: (k, s) => Boolean(s.prefecture) && s.municipality === undefined && municipalitiesWithPrograms(k, s.prefecture!).length > 0,
  prompt: (k, s) => {
    const pref = s.prefecture ?? '';
    return {
      label: `${pref}のどちらの市区町村ですか？`,
      choices: [
        ...municipalitiesWithPrograms(k, pref).map((m) => choice(m, { type: 'region', prefecture: pref, municipality: m })),
        choice('その他の市区町村', { type: 'region', prefecture: pref, municipality: OTHER_MUNICIPALITY }),
      ],
    };
  },
  fromAction: (k, _s, a) => (a.type === 'region' ? setRegion(k, a.prefecture, a.municipality) : undefined),
  fromText: (k, s, text) => {
    if (/^(その他|そのほか|ほか)/.test(text)) return (x) => void (x.municipality = OTHER_MUNICIPALITY);
    if (!/[市区町村]$/.test(text) || text.length > 10) return undefined;
    const name = findMunicipality(k, text, s.prefecture)?.name ?? text;
    return (x) => void (x.municipality = name);
  },
  show: (_k, s) => (s.municipality && s.municipality !== OTHER_MUNICIPALITY ? s.municipality : undefined),
};

const industry: SlotSpec = {
  id: 'industry',
  fields: ['industry'],
  name: '業種',
  needed: (_k, s) => !s.industry,
  prompt: (k) => ({ label: '業種を教えてください。', choices: k.menus.industries.map((m) => choice(m.label, { type: 'industry', industry: m.id })) }),
  fromAction: (k, _s, a) => (a.type === 'industry' && k.industries.some((i) => i.id === a.industry) ? (s) => void (s.industry = a.industry) : undefined),
  fromText: (k, _s, text) => {
    const id = fuzzyIndustry(k, text);
    return id ? (s) => void (s.industry = id) : undefined;
  },
  show: (k, s) => (s.industry ? industryLabel(k, s.industry) : undefined),
};

const employees: SlotSpec = {
  id: 'employees',
  fields: ['employees'],
  name: '従業員数',
  needed: (_k, s) => s.employees === undefined,
  prompt: (k) => ({
    label: '常時雇用している従業員は何人ですか？（役員・パートの扱いは各制度の定義によります）',
    choices: k.menus.employees.map((m) => choice(m.label, { type: 'employees', employees: m.value })),
  }),
  fromAction: (_k, _s, a) => (a.type === 'employees' ? (s) => void (s.employees = a.employees) : undefined),
  fromText: (_k, _s, text) => {
    const n = NO_EMPLOYEES.test(text) ? 0 : parseCount(text, { bare: true });
    return n !== undefined && n <= 1_000_000 ? (s) => void (s.employees = n) : undefined;
  },
  show: (_k, s) => (s.employees !== undefined ? `${s.employees}人` : undefined),
};

const capital: SlotSpec = {
  id: 'capital',
  fields: ['capitalYen'],
  name: '資本金',
  needed: (k, s) => {
    if (s.industry === undefined || s.employees === undefined || s.capitalYen !== undefined) return false;
    const ind = k.ix.industryById.get(s.industry);
    return ind !== undefined && sizeClassOf(k, ind, s.employees).sizeClass === 'unknown';
  },
  prompt: (k) => ({
    label: '従業員数が中小企業の基準を超えるため、資本金（出資の総額）を教えてください。',
    choices: k.menus.capital.map((m) => choice(m.label, { type: 'capital', capitalYen: m.value })),
  }),
  fromAction: (_k, _s, a) => (a.type === 'capital' ? (s) => void (s.capitalYen = a.capitalYen) : undefined),
  fromText: (_k, _s, text) => {
    const amount = parseAmounts(text)[0];
    if (!amount) return undefined;
    // 「3億円超」「3億円を超える」: more than the amount (the button 「3億円超」 means 300,000,001円).
    const value = /超|を超え|より(多|上)/.test(text) ? amount.yen + 1 : amount.yen;
    return (s) => void (s.capitalYen = value);
  },
  // 300,000,001円 is how 「3億円超」 is stored: say it as the user did.
  show: (_k, s) => (s.capitalYen === undefined ? undefined : s.capitalYen % 10_000 === 1 ? `${yen(s.capitalYen - 1)}超` : yen(s.capitalYen)),
};

const setGoals = (ids: string[]): Fill => (s) => {
  s.goals = ids;
  delete s.goalWords;
};

const goal: SlotSpec = {
  id: 'goal',
  fields: ['goals', 'goalWords'],
  name: '目的',
  needed: (_k, s) => s.goals === undefined,
  prompt: (k) => ({
    label: '補助金などを使って、何をしたいですか？',
    choices: k.menus.goals.map((m) => choice(m.label, { type: 'goal', goal: m.id === 'none' ? null : m.id })),
  }),
  fromAction: (k, _s, a) => {
    if (a.type !== 'goal') return undefined;
    const ids = a.goal === null ? [] : [a.goal];
    return ids.every((id) => k.goals.some((g) => g.id === id)) ? setGoals(ids) : undefined;
  },
  fromText: (k, _s, text) => {
    if (NO_GOAL.test(text)) return setGoals([]);
    const id = fuzzyGoal(k, text);
    return id ? setGoals([id]) : undefined;
  },
  show: (k, s) => (s.goals === undefined ? undefined : s.goals.length === 0 ? '指定なし' : s.goals.map((g) => goalLabel(k, g)).join('、')),
};

/** Clears every form of the expense before one is set. */
export function clearExpense(s: Slots): void {
  delete s.expenseYen;
  delete s.expenses;
  delete s.perPersonYen;
  delete s.perPersonGoal;
}

const expense: SlotSpec = {
  id: 'expense',
  fields: ['expenseYen', 'expenses', 'perPersonYen', 'perPersonGoal'],
  name: '予定経費',
  // Not required: without it the answer shows rates and caps and asks for it as a refinement.
  needed: () => false,
  prompt: (k) => ({
    label: '予定している経費（税抜）はおいくらですか？補助額の目安を計算します。例：「300万円」「展示会50万、HP16万」',
    choices: k.menus.expenses.map((m) => choice(m.label, { type: 'expense', expenseYen: m.value })),
  }),
  fromAction: (_k, _s, a) =>
    a.type === 'expense'
      ? (s) => {
          clearExpense(s);
          s.expenseYen = a.expenseYen;
        }
      : undefined,
  fromText: (_k, _s, text) => {
    if (UNKNOWN.test(text)) return (s) => void (s.expenseYen = null);
    const bare = /^約?\s*(\d[\d,]*)\s*$/.exec(text)?.[1];
    if (!bare) return undefined;
    const n = Number(bare.replace(/,/g, ''));
    // A bare small number is read as 万円 (「300」→ 300万円); the reply says so.
    const value = n < 10_000 ? n * 10_000 : n;
    if (value <= 0 || value > 1_000_000_000_000) return undefined;
    return (s) => {
      clearExpense(s);
      s.expenseYen = value;
    };
  },
  show: (k, s) => {
    const parts = [
      ...(s.perPersonYen !== undefined ? [`1人あたり${yen(s.perPersonYen)}`] : []),
      ...(s.expenses ?? []).map((e) => `${e.label} ${yen(e.yen)}`),
    ];
    if (parts.length > 0) return `${parts.join('、')}（税抜）`;
    if (typeof s.expenseYen === 'number') return `${yen(s.expenseYen)}（税抜）`;
    return s.expenseYen === null ? '未定' : undefined;
  },
};

/** The required slots, in the order they are asked, then the expense. */
export const SLOT_SPECS: readonly SlotSpec[] = [region, municipality, industry, employees, capital, goal, expense];

const specById = (id: string): SlotSpec | undefined => SLOT_SPECS.find((s) => s.id === id);

/** A follow-up question of the knowledge base as a slot spec (its value lives in slots.answers). */
export function followUpSpec(q: Question): SlotSpec {
  const set = (v: string | number | null): Fill => (s) => {
    if (v === null) delete s.answers[q.id];
    else s.answers[q.id] = v;
  };
  return {
    id: `q:${q.id}`,
    name: q.short,
    fields: ['answers'],
    needed: () => false,
    prompt: () => ({
      label: q.label,
      choices: [...(q.type === 'choice' ? (q.choices ?? []) : []).map((c) => choice(c.label, { type: 'answer', question: q.id, value: c.value })), choice('分からない', { type: 'answer', question: q.id, value: null })],
    }),
    fromAction: (_k, _s, a) => {
      if (a.type !== 'answer' || a.question !== q.id) return undefined;
      if (a.value === null) return set(null);
      if (q.type === 'choice') return q.choices?.some((c) => c.value === a.value) ? set(a.value) : undefined;
      const n = Number(a.value);
      return Number.isSafeInteger(n) && n >= 0 ? set(n) : undefined;
    },
    fromText: (_k, _s, t) => {
      if (UNKNOWN.test(t)) return set(null);
      if (q.type === 'count') {
        const n = parseCount(t, { bare: true });
        return n !== undefined && n <= 1_000_000 ? set(n) : undefined;
      }
      if (q.type === 'yen') {
        const plain = t.replace(/,/g, '');
        const amount = parseAmounts(t)[0]?.yen ?? (/^\d{1,13}$/.test(plain) ? Number(plain) : undefined);
        return amount !== undefined ? set(amount) : undefined;
      }
      const choices = q.choices ?? [];
      const byLabel = choices.find((c) => c.label === t || c.value === t || t.includes(c.label) || c.label.startsWith(t));
      if (byLabel) return set(byLabel.value);
      if (YES.test(t) && choices.some((c) => c.value === 'yes')) return set('yes');
      if (NO.test(t) && choices.some((c) => c.value === 'no')) return set('no');
      return undefined;
    },
    show: (_k, s) => {
      const v = s.answers[q.id];
      if (v === undefined) return undefined;
      if (q.type === 'yen') return yen(Number(v));
      if (q.type === 'count') return `${v}人`;
      return q.choices?.find((c) => c.value === v)?.label ?? String(v);
    },
  };
}

/** The spec of a step id, required or follow-up. */
export function specFor(k: Knowledge, id: string): SlotSpec | undefined {
  if (id.startsWith('q:')) {
    const q = k.ix.questionById.get(id.slice(2));
    return q ? followUpSpec(q) : undefined;
  }
  return specById(id);
}
