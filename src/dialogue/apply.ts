// Applies a button press or a message to the slots. A message that is only an
// answer to the pending question fills that question and nothing else; a longer
// message fills every slot, expense and follow-up fact it states (mixed initiative).
// A slot that already had a value and changes is confirmed (「従業員数を30人に変更しました。」).
import { trackQuestionIds } from '../core/eligibility';
import type { Knowledge } from '../core/knowledge/types';
import { candidatePrograms } from '../core/program-index';
import { yen } from '../core/yen';
import { OTHER_MUNICIPALITY, type Action } from './actions';
import { parseExpenses } from './parse/expenses';
import { parseFacts } from './parse/facts';
import { parseCount } from './parse/numbers';
import { extractSlots } from './parse/slots';
import { clearExpense, followUpSpec, SLOT_SPECS, specFor, type SlotSpec } from './slot-specs';
import { PERSONS_QUESTION } from './plan';
import type { ConversationState, PurposeExpense, Slots, Step } from './types';

export interface Applied {
  changed: boolean;
  notes: string[];
  /** Ask this step again (the user chose to change it, or must say which amount is for what). */
  reask?: Step;
}

const MAX_TEXT = 2000;
/**
 * Facts whose words are also a goal (「インボイス発行事業者に転換済み」 has インボイス,
 * 「賃上げする予定」 has 賃上げ): beside another goal, the word is the fact, not a goal.
 */
const FACT_GOALS: Record<string, string> = {
  invoice_conversion: 'invoice',
  jizokuka_wage_hike: 'wage-increase',
  shoryokuka_wage_hike: 'wage-increase',
  mono_wage_hike: 'wage-increase',
};
const NO_GOAL_IN_TEXT = /目的(は|:)?\s*(特に)?(ない|なし|決めていない|決まっていない|未定|何でも|なんでも)/;

/** Every spec whose value a change can touch: the required slots and the follow-ups answered or pending. */
function specsInView(k: Knowledge, s: Slots, extra: string[]): SlotSpec[] {
  const ids = new Set([...Object.keys(s.answers), ...extra]);
  return [...SLOT_SPECS, ...k.questions.filter((q) => ids.has(q.id)).map(followUpSpec)];
}

/** Runs `change`, then confirms every slot that had a value and now has another. */
function withConfirmations(k: Knowledge, state: ConversationState, extra: string[], change: () => Applied): Applied {
  const before = new Map(specsInView(k, state.slots, extra).map((spec) => [spec.id, spec.show(k, state.slots)]));
  const applied = change();
  if (before.get('region') !== specFor(k, 'region')!.show(k, state.slots)) forgetAnswersOfOtherPlaces(k, state.slots);
  for (const spec of specsInView(k, state.slots, extra)) {
    const was = before.get(spec.id);
    const now = spec.show(k, state.slots);
    // The municipality is part of 所在地: one confirmation says both.
    if (spec.id === 'municipality' && before.get('region') !== specFor(k, 'region')!.show(k, state.slots)) continue;
    if (was !== undefined && now !== undefined && was !== now) applied.notes.push(`${spec.name}を「${now}」に変更しました。`);
  }
  return applied;
}

/**
 * After a move, answers that no program of the new place asks are dropped (「金沢市内に1年以上」
 * means nothing in ひたちなか市): the summary must not list them, nor a later move back reuse them
 * unasked. The number of persons stays: the per-person cost uses it whatever the place.
 */
function forgetAnswersOfOtherPlaces(k: Knowledge, s: Slots): void {
  if (!s.prefecture) return;
  const municipality = s.municipality && s.municipality !== OTHER_MUNICIPALITY ? s.municipality : undefined;
  const asked = new Set<string>([PERSONS_QUESTION]);
  for (const p of candidatePrograms(k, s.prefecture, [], municipality))
    for (const e of p.editions) for (const t of e.tracks) for (const q of trackQuestionIds(p, t)) asked.add(q);
  for (const q of Object.keys(s.answers)) if (!asked.has(q)) delete s.answers[q];
}

const isNumberQuestion = (k: Knowledge, id: string) => {
  const q = id.startsWith('q:') ? k.ix.questionById.get(id.slice(2)) : undefined;
  return q?.type === 'count' || q?.type === 'yen';
};

/** 「受講料1人5万円、3人」「1人3万円で5名」: the count right after a per-person amount is the number of persons. */
function personsAfter(text: string, match: string): number | undefined {
  const at = text.indexOf(match);
  if (at < 0) return undefined;
  const m = /^[^。]{0,8}?(\d+|[一二三四五六七八九十]+)\s*(?:人|名)(?!\s*(?:あたり|当たり|につき))/.exec(text.slice(at + match.length));
  return m ? parseCount(m[0].slice(m[0].search(/\d|[一二三四五六七八九十]/))) : undefined;
}

/** Words that say a goal replaces the earlier one (「やっぱり展示会」「HPだけにします」), not adds to it. */
const REPLACE_GOAL = /(やっぱり|やはり|変更|ではなく|じゃなくて|でなく|だけ(?:に|で|を|。|$)|のみ|やめて|やめます|変えて|変えます|に変える)/;
/** Words that add a purpose to the earlier ones (「省エネ診断も」「あと」「それと」). */
const ALSO_GOAL = /[^\s、。]も(?:受け|やり|し|出|欲し|ほし|考え|検討|使|申請|[、。]|$)|^(?:あと|それと|ほかに|他に|加えて)/;

/** Words that say the business itself moved or was misstated (a prefecture's short name alone may be an event's place). */
const MOVED = /(やっぱり|やはり|変更|移転|引っ越|所在地|本社|事業所|会社は|店は|の会社|で営業|で商売|でやって)/;

const markAsked = (state: ConversationState, qid: string) => {
  if (!state.asked.includes(qid)) state.asked.push(qid);
};

/** A button for a slot or a follow-up question; undefined when the value is not valid for it. */
export function applyAction(k: Knowledge, state: ConversationState, action: Action): Applied | undefined {
  const specId = action.type === 'answer' ? `q:${action.question}` : action.type === 'region' ? 'region' : action.type;
  const spec = specFor(k, specId);
  const fill = spec?.fromAction(k, state.slots, action);
  if (!spec || !fill) return undefined;
  return withConfirmations(k, state, action.type === 'answer' ? [action.question] : [], () => {
    fill(state.slots);
    if (action.type === 'answer') markAsked(state, action.question);
    return { changed: true, notes: [] };
  });
}

/** The expenses of a message, as slots: one amount, one per purpose, or per person. */
/**
 * The expenses of a message, as slots: one amount, one per purpose, or per person.
 * After the answer, amounts for new purposes add to the earlier ones (「あと海外の展示会にも150万」):
 * an earlier amount is replaced only by a new one for the same purpose, or by an amount for no
 * purpose in particular (a new total).
 */
function applyExpenses(k: Knowledge, state: ConversationState, text: string, notes: string[]): boolean | 'ambiguous' {
  const s = state.slots;
  const mentions = parseExpenses(k, text);
  if (mentions.length === 0) return false;
  const taxed = mentions.filter((m) => m.taxIncluded);
  if (taxed.length > 0) notes.push(`税込の金額を税抜に換算し、${taxed.map((m) => yen(m.yen)).join('、')}（税抜）として計算します。`);
  if (mentions.length > 1 && mentions.some((m) => !m.purposeGoal || m.perPerson)) return 'ambiguous';
  const adding = state.answered && mentions.every((m) => m.purposeGoal) && (Boolean(s.expenses?.length) || s.perPersonYen !== undefined);
  const newGoals = new Set(mentions.map((m) => m.purposeGoal));
  const keptExpenses = adding ? (s.expenses ?? []).filter((e) => !newGoals.has(e.goal)) : [];
  const keptPerPerson = adding && !mentions.some((m) => m.perPerson) && s.perPersonYen !== undefined && !newGoals.has(s.perPersonGoal) ? { yen: s.perPersonYen, goal: s.perPersonGoal } : undefined;
  clearExpense(s);
  if (keptPerPerson) {
    s.perPersonYen = keptPerPerson.yen;
    if (keptPerPerson.goal) s.perPersonGoal = keptPerPerson.goal;
  }
  const perPerson = mentions.find((m) => m.perPerson);
  if (perPerson) {
    s.perPersonYen = perPerson.yen;
    if (perPerson.purposeGoal) s.perPersonGoal = perPerson.purposeGoal;
    const persons = personsAfter(text, perPerson.match);
    if (persons !== undefined && k.questions.some((q) => q.id === PERSONS_QUESTION)) s.answers[PERSONS_QUESTION] = persons;
  }
  const purposes = [...keptExpenses, ...mentions.filter((m) => !m.perPerson && m.purposeGoal).map((m): PurposeExpense => ({ yen: m.yen, goal: m.purposeGoal!, label: m.purposeText ?? m.purposeGoal! }))];
  if (purposes.length > 0) s.expenses = purposes;
  const general = mentions.find((m) => !m.perPerson && !m.purposeGoal);
  if (general) s.expenseYen = general.yen;
  return true;
}

export function applyText(k: Knowledge, state: ConversationState, raw: string): Applied {
  const s = state.slots;
  const text = raw.normalize('NFKC').slice(0, MAX_TEXT).trim();
  if (text === '') return { changed: false, notes: ['メッセージが空のようです。'] };
  const pending = state.step === 'answered' ? undefined : specFor(k, state.step);
  const found = extractSlots(k, text);
  const carriesSlots = Boolean(found.prefecture || found.industry || found.goals || found.droppedGoals || found.capitalYen !== undefined);
  const pendingQuestion = pending?.id.startsWith('q:') ? [pending.id.slice(2)] : [];

  // 「3人」「はい」「300万」 while a question is pending answers that question, and nothing else;
  // or, when it cannot, another refinement listed under the answer (「3人」 → 対象人数).
  const canBeBare = !carriesSlots && !(found.employeesKeyword && pending?.id !== 'employees');
  const candidates = [pending, ...state.offered.filter((id) => id !== pending?.id).map((id) => specFor(k, id))];
  for (const spec of canBeBare ? candidates : []) {
    // Another listed refinement takes only a number (「3人」「200万円」): a 「はい」 answers the pending question alone.
    if (spec && spec !== pending && !isNumberQuestion(k, spec.id)) continue;
    const bare = spec?.fromText(k, s, text);
    if (!spec || !bare) continue;
    const qid = spec.id.startsWith('q:') ? [spec.id.slice(2)] : [];
    return withConfirmations(k, state, qid, () => {
      bare(s);
      if (qid[0]) markAsked(state, qid[0]);
      return { changed: true, notes: spec.id === 'expense' && /^約?\s*\d[\d,]*\s*$/.test(text) ? [`${spec.show(k, s)}として計算します。`] : [] };
    });
  }

  const facts = parseFacts(k, text);
  // The bare headcount (「金沢市 製造業 12人 社外研修…」) is not the number of persons.
  if (facts.persons !== undefined && facts.persons === found.employees && !found.employeesKeyword) delete facts.persons;
  return withConfirmations(k, state, [...pendingQuestion, ...Object.keys(facts)], () => {
    const notes: string[] = [];
    let changed = false;
    // 「東京ビッグサイトの展示会」「東京で準備」 after the place is known: where an event is, not the business.
    const eventPlace = found.regionByShortName && !found.municipality && s.prefecture !== undefined && !MOVED.test(text);
    if (found.prefecture && !eventPlace) {
      const municipality = found.municipality ?? (found.prefecture === s.prefecture ? s.municipality : undefined);
      s.prefecture = found.prefecture;
      if (municipality === undefined) delete s.municipality;
      else s.municipality = municipality;
      changed = true;
    }
    if (found.industry) (s.industry = found.industry), (changed = true);
    // A bare 「8人」 is the headcount only beside other facts of the business (「金沢市で製造業8人」).
    if (found.employees !== undefined && (found.employeesKeyword || carriesSlots || pending?.id === 'employees')) (s.employees = found.employees), (changed = true);
    if (found.capitalYen !== undefined) (s.capitalYen = found.capitalYen), (changed = true);
    const factGoals = new Set(Object.keys(facts).map((q) => FACT_GOALS[q]).filter(Boolean));
    const goals = found.goals && found.goals.some((g) => !factGoals.has(g)) ? found.goals.filter((g) => !factGoals.has(g)) : found.goals;
    if (found.droppedGoals && s.goals) {
      const dropped = new Set(found.droppedGoals);
      const left = s.goals.filter((g) => !dropped.has(g));
      if (left.length !== s.goals.length) {
        s.goals = left.length > 0 || !goals ? left : s.goals;
        if (s.expenses) s.expenses = s.expenses.filter((e) => !dropped.has(e.goal));
        if (s.expenses?.length === 0) delete s.expenses;
        changed = true;
      }
    }
    if (goals) {
      // After the answer, a new purpose adds to the earlier ones unless the user says it replaces them.
      // 「省エネ診断も」「あと展示会」: an added purpose even before the answer.
      const adds = (state.answered || ALSO_GOAL.test(text)) && s.goals?.length && !REPLACE_GOAL.test(text);
      s.goals = adds ? [...new Set([...s.goals!, ...goals])] : goals;
      if (found.goalWords) s.goalWords = found.goalWords;
      changed = true;
    }
    else if (NO_GOAL_IN_TEXT.test(text)) (s.goals = []), (changed = true);
    for (const [qid, value] of Object.entries(facts)) {
      s.answers[qid] = value;
      markAsked(state, qid);
      changed = true;
    }
    // While the capital is asked, an amount is the capital (the step reads it below).
    const expenses = pending?.id === 'capital' ? false : applyExpenses(k, state, text, notes);
    if (expenses === true) changed = true;
    // The message may also answer the pending question (「はい、赤字です」).
    if (pending && !(pending.id.startsWith('q:') && facts[pending.id.slice(2)] !== undefined)) {
      const fill = pending.id === 'expense' && expenses ? undefined : pending.fromText(k, s, text);
      if (fill && (!changed || pending.id.startsWith('q:') || pending.id === 'capital')) {
        fill(s);
        if (pending.id.startsWith('q:')) markAsked(state, pending.id.slice(2));
        changed = true;
      }
    }
    if (expenses === 'ambiguous') {
      notes.push('金額が複数ありました。どの金額が何の経費か分からなかったため、「展示会50万、HP16万」のように経費ごとに教えてください。');
      return { changed, notes, reask: 'expense' };
    }
    if (!changed) {
      const long = text.length >= 500 ? '長いメッセージありがとうございます。' : '';
      return { changed: false, notes: [`${long}すみません、うまく読み取れませんでした。`] };
    }
    return { changed, notes };
  });
}
