// Applies a button press or a free-text message to the slots: every slot the
// message contains is filled (mixed initiative); the current step's own
// validator reads bare answers (「8」「わからない」「はい」).
import type { Knowledge } from '../core/knowledge/types';
import { findMunicipality } from '../core/taxonomy';
import { yen } from '../core/yen';
import { parseAmounts, parseCount } from './parse/numbers';
import { extractSlots, fuzzyGoal, fuzzyIndustry } from './parse/slots';
import type { ConversationState, Step } from './types';

export interface Applied {
  changed: boolean;
  notes: string[];
  /** Ask this step again (the user chose to change it). */
  reask?: Step;
}

const MAX_TEXT = 2000;
const UNKNOWN = /^(わからない|分からない|わかりません|分かりません|不明|未定|まだ|まだ決めていない|スキップ|skip)/;
const NO_GOAL = /^(特に(ない|なし|決めていない|決まっていない)|とくにない|なんでも|何でも|決めていない|決まっていない|未定|全部|すべて|いろいろ)/;
const YES = /^(はい|yes|ある|あります|する|します|予定あり|該当する|該当します|そう|そうです|ok|うん)/i;
const NO = /^(いいえ|no|ない|ありません|しない|しません|予定なし|該当しない|該当しません|違う|ちがう|いや)/i;

const label = (k: Knowledge, kind: 'industry' | 'goal', id: string) =>
  (kind === 'industry' ? k.industries : k.goals).find((x) => x.id === id)?.label ?? id;

export function applyChoice(k: Knowledge, state: ConversationState, value: string): Applied {
  const s = state.slots;
  const [kind, a, b, c] = value.split(':');
  if (kind === 'ch') return { changed: false, notes: [], reask: (a === 'region' ? 'region' : a) as Step };
  if (kind === 'a' && a && b !== undefined) {
    if (!state.asked.includes(a)) state.asked.push(a);
    if (b === '__skip') delete s.answers[a];
    else s.answers[a] = b;
    return { changed: true, notes: [] };
  }
  if (kind !== 's' || !a || b === undefined) return { changed: false, notes: [] };
  switch (a) {
    case 'muni':
      if (!k.prefectures.some((p) => p.name === b)) return { changed: false, notes: [] };
      s.prefecture = b;
      s.municipality = c ?? 'その他';
      return { changed: true, notes: [] };
    case 'ind':
      if (!k.industries.some((i) => i.id === b)) return { changed: false, notes: [] };
      s.industry = b;
      return { changed: true, notes: [] };
    case 'emp':
    case 'cap': {
      const n = Number(b);
      if (!Number.isInteger(n) || n < 0) return { changed: false, notes: [] };
      if (a === 'emp') s.employees = n;
      else s.capitalYen = n;
      return { changed: true, notes: [] };
    }
    case 'goal':
      if (b === 'none') s.goals = [];
      else if (k.goals.some((g) => g.id === b)) s.goals = [b];
      else return { changed: false, notes: [] };
      return { changed: true, notes: [] };
    case 'exp':
      if (b === 'skip') s.expenseYen = null;
      else if (Number.isFinite(Number(b))) s.expenseYen = Number(b);
      else return { changed: false, notes: [] };
      return { changed: true, notes: [] };
    default:
      return { changed: false, notes: [] };
  }
}

function applyFollowUp(k: Knowledge, state: ConversationState, qid: string, text: string): boolean {
  const q = k.questions.find((x) => x.id === qid);
  if (!q) return false;
  const t = text.normalize('NFKC').trim();
  const answer = (v: string | number | undefined) => {
    if (!state.asked.includes(qid)) state.asked.push(qid);
    if (v === undefined) delete state.slots.answers[qid];
    else state.slots.answers[qid] = v;
    return true;
  };
  if (UNKNOWN.test(t)) return answer(undefined);
  if (q.type === 'count') {
    const n = parseCount(t, { bare: true });
    return n !== undefined ? answer(n) : false;
  }
  if (q.type === 'yen') {
    const amount = parseAmounts(t)[0]?.yen ?? (/^\d+$/.test(t.replace(/,/g, '')) ? Number(t.replace(/,/g, '')) : undefined);
    return amount !== undefined ? answer(amount) : false;
  }
  const choices = q.choices ?? [];
  const byLabel = choices.find((c) => c.label === t || c.value === t || t.includes(c.label) || c.label.startsWith(t));
  if (byLabel) return answer(byLabel.value);
  if (YES.test(t) && choices.some((c) => c.value === 'yes')) return answer('yes');
  if (NO.test(t) && choices.some((c) => c.value === 'no')) return answer('no');
  return false;
}

export function applyText(k: Knowledge, state: ConversationState, raw: string): Applied {
  const s = state.slots;
  const text = raw.normalize('NFKC').slice(0, MAX_TEXT).trim();
  const notes: string[] = [];
  if (text === '') return { changed: false, notes: ['メッセージが空のようです。'] };
  const found = extractSlots(k, text);
  const answered = state.step === 'answered';
  let changed = false;
  const set = (what: string, apply: () => void, summary: string) => {
    apply();
    changed = true;
    if (answered) notes.push(`${what}を${summary}に変更しました。`);
  };

  if (found.prefecture) {
    const municipality = found.municipality ?? (found.prefecture === s.prefecture ? s.municipality : undefined);
    set('所在地', () => {
      s.prefecture = found.prefecture;
      if (municipality === undefined) delete s.municipality;
      else s.municipality = municipality;
    }, `${found.prefecture}${found.municipality ?? ''}`);
  }
  if (found.industry) set('業種', () => (s.industry = found.industry), label(k, 'industry', found.industry));
  if (found.employees !== undefined && state.step !== 'capital') set('従業員数', () => (s.employees = found.employees), `${found.employees}人`);
  if (found.capitalYen !== undefined) set('資本金', () => (s.capitalYen = found.capitalYen), yen(found.capitalYen));
  if (found.goals) set('目的', () => (s.goals = found.goals), found.goals.map((g) => label(k, 'goal', g)).join('・'));
  else if (/目的(は|:)?\s*(特に)?(ない|なし|決めていない|決まっていない|未定|何でも|なんでも)/.test(text)) set('目的', () => (s.goals = []), '指定なし');
  if (found.expense && state.step !== 'capital' && !state.step.startsWith('q:')) {
    const e = found.expense;
    set('予定経費', () => (s.expenseYen = e.yen), yen(e.yen));
    if (e.taxIncluded) notes.push(`税込の金額を税抜に換算し、${yen(e.yen)}（税抜）として計算します。`);
  }

  // The current step's own reading of a bare answer.
  if (!changed) {
    switch (state.step) {
      case 'municipality': {
        if (/^(その他|そのほか|ほか)/.test(text)) {
          s.municipality = 'その他';
          changed = true;
        } else if (/[市区町村]$/.test(text) && text.length <= 10) {
          s.municipality = findMunicipality(k, text, s.prefecture)?.name ?? text;
          changed = true;
        }
        break;
      }
      case 'industry': {
        const id = fuzzyIndustry(k, text);
        if (id) {
          s.industry = id;
          changed = true;
          notes.push(`業種は「${label(k, 'industry', id)}」として伺います。違う場合は業種名をお送りください。`);
        }
        break;
      }
      case 'employees': {
        const n = parseCount(text, { bare: true });
        if (n !== undefined) {
          s.employees = n;
          changed = true;
        }
        break;
      }
      case 'capital': {
        const amount = parseAmounts(text)[0];
        if (amount) {
          s.capitalYen = amount.yen;
          changed = true;
        }
        break;
      }
      case 'goal': {
        if (NO_GOAL.test(text)) {
          s.goals = [];
          changed = true;
          break;
        }
        const id = fuzzyGoal(k, text);
        if (id) {
          s.goals = [id];
          changed = true;
        }
        break;
      }
      case 'expense': {
        if (UNKNOWN.test(text)) {
          s.expenseYen = null;
          changed = true;
          break;
        }
        const bare = /^約?\s*(\d[\d,]*)\s*$/.exec(text)?.[1];
        if (bare) {
          const n = Number(bare.replace(/,/g, ''));
          // A bare small number is read as 万円 (「300」→ 300万円); say so.
          s.expenseYen = n < 10_000 ? n * 10_000 : n;
          notes.push(`${yen(s.expenseYen)}（税抜）として計算します。`);
          changed = true;
        }
        break;
      }
      default:
        if (state.step.startsWith('q:')) changed = applyFollowUp(k, state, state.step.slice(2), text);
    }
  } else if (state.step.startsWith('q:')) {
    // The message also answers the open follow-up question (「はい、赤字です」).
    applyFollowUp(k, state, state.step.slice(2), text);
  }

  if (!changed) {
    const long = text.length >= 500 ? '長いメッセージありがとうございます。' : '';
    return { changed: false, notes: [`${long}すみません、うまく読み取れませんでした。`] };
  }
  return { changed, notes };
}
