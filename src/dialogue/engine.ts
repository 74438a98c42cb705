// The dialogue engine: one user turn in, the next state and a reply model out.
// Platform-neutral and pure: storage and rendering live elsewhere.
import type { Knowledge } from '../core/knowledge/types';
import { matchPrograms, type MatchRow } from '../core/match';
import { buildProfile } from '../core/profile';
import { questionsFor, type QuestionView } from '../core/questions';
import { calculationText, detailText, profileSummary, programCard } from './answer';
import { commandOf, HELP_TEXT } from './commands';
import { answerFreeQuestion } from './faq';
import { applyChoice, applyText, type Applied } from './apply';
import { municipalitiesWithPrograms, needsCapital, promptFor } from './steps';
import { initialState, type ConversationState, type Reply, type Slots, type Step, type TurnInput } from './types';

export interface TurnContext {
  knowledge: Knowledge;
  /** YYYY-MM-DD (JST) that statuses are computed against. */
  date: string;
}

export interface TurnResult {
  state: ConversationState;
  reply: Reply;
}

const MAX_FOLLOW_UPS = 3;
const MAX_CARDS = 10;
const GREETING =
  'こんにちは。補助金ナビです。所在地・業種・従業員数・目的を伺って、使える補助金・助成金・融資と、受け取れる金額の目安をお調べします。';

/** The last match, reused within a turn (nextStep and the answer ask for the same one). */
let lastMatch: { k: Knowledge; key: string; value: { rows: MatchRow[]; sizeLabel: string } | undefined } | undefined;

function matchRows(k: Knowledge, slots: Slots, date: string): { rows: MatchRow[]; sizeLabel: string } | undefined {
  const key = `${date}|${JSON.stringify(slots)}`;
  if (lastMatch?.k === k && lastMatch.key === key) return lastMatch.value;
  const value = computeMatch(k, slots, date);
  lastMatch = { k, key, value };
  return value;
}

function computeMatch(k: Knowledge, slots: Slots, date: string): { rows: MatchRow[]; sizeLabel: string } | undefined {
  if (!slots.prefecture || !slots.industry || slots.employees === undefined) return undefined;
  const built = buildProfile(k, {
    prefecture: slots.prefecture,
    ...(slots.municipality && slots.municipality !== 'その他' ? { municipality: slots.municipality } : {}),
    industry: slots.industry,
    employees: slots.employees,
    ...(slots.capitalYen !== undefined ? { capitalYen: slots.capitalYen } : {}),
    goal: slots.goals ?? [],
    ...(typeof slots.expenseYen === 'number' ? { expenseYen: slots.expenseYen } : {}),
    answers: slots.answers,
  });
  if ('errors' in built) return undefined;
  // A municipality outside the listed ones is still a place: keep it so municipal programs say 対象外.
  if (slots.municipality === 'その他') built.profile.municipality = '（その他の市区町村）';
  return { rows: matchPrograms(k, built.profile, { date, scope: 'candidates' }), sizeLabel: built.profile.size.label };
}

/** Candidate rows: what the business is not excluded from. */
const candidates = (rows: MatchRow[]) => rows.filter((r) => r.verdict !== 'ineligible');

/** The next follow-up question that changes a verdict or an amount of the programs in view. */
function nextFollowUp(k: Knowledge, state: ConversationState, rows: MatchRow[]): QuestionView | undefined {
  if (state.asked.length >= MAX_FOLLOW_UPS) return undefined;
  const counts = new Map<string, number>();
  for (const r of candidates(rows).slice(0, MAX_CARDS))
    for (const q of r.questions) if (q.field === 'answers' && !state.asked.includes(q.id)) counts.set(q.id, (counts.get(q.id) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? questionsFor(k, [best[0]])[0] : undefined;
}

/** The first slot still missing, in the natural order of the conversation. */
function nextStep(k: Knowledge, state: ConversationState, date: string): { step: Step; followUp?: QuestionView } {
  const s = state.slots;
  if (!s.prefecture) return { step: 'region' };
  if (s.municipality === undefined && municipalitiesWithPrograms(k, s.prefecture).length > 0) return { step: 'municipality' };
  if (!s.industry) return { step: 'industry' };
  if (s.employees === undefined) return { step: 'employees' };
  if (needsCapital(k, s)) return { step: 'capital' };
  if (s.goals === undefined) return { step: 'goal' };
  const m = matchRows(k, s, date);
  if (!m) return { step: 'region' };
  if (s.expenseYen === undefined && candidates(m.rows).some((r) => r.questions.some((q) => q.id === 'expenseYen'))) return { step: 'expense' };
  const followUp = nextFollowUp(k, state, m.rows);
  if (followUp) return { step: `q:${followUp.id}`, followUp };
  return { step: 'answered' };
}

function questionReply(k: Knowledge, state: ConversationState, followUp: QuestionView | undefined, lead: string[]): Reply {
  const prompt = promptFor(k, state.step, state.slots, followUp);
  return { kind: 'question', texts: [...lead, prompt.label], cards: [], choices: prompt.choices, question: { id: prompt.id, label: prompt.label } };
}

function answerReply(k: Knowledge, state: ConversationState, date: string, lead: string[]): Reply {
  const m = matchRows(k, state.slots, date)!;
  const shown = candidates(m.rows).slice(0, MAX_CARDS);
  state.lastResults = shown.map((r) => `${r.programId}:${r.trackId}`);
  const texts = [...lead, profileSummary(k, state.slots, m.sizeLabel)];
  if (shown.length === 0) {
    texts.push('申し訳ありません。この条件で対象になりそうな制度は、登録されている資料の中には見つかりませんでした。目的や条件を変えてお試しください。');
  } else {
    const open = shown.filter((r) => r.status.code === 'open' || r.status.code === 'rolling').length;
    texts.push(
      `対象になりそうな制度が${shown.length}件見つかりました（うち現在受付中・随時受付は${open}件）。金額は税抜の経費から計算した目安です。受付終了の制度は、次回の公募を窓口でご確認ください。`,
    );
  }
  const excluded = m.rows.filter((r) => r.verdict === 'ineligible' && r.reasons.some((x) => x.criterion === 'size' && x.verdict === 'ineligible') && r.reasons.every((x) => x.criterion === 'size' || x.verdict !== 'ineligible'));
  if (excluded.length > 0) {
    const names = [...new Set(excluded.map((r) => `・${r.programName}：${r.reasons.find((x) => x.criterion === 'size')!.text}`))].slice(0, 3);
    texts.push(`企業規模の要件で対象外になった制度：\n${names.join('\n')}`);
  }
  texts.push('カードの「計算の内訳」「詳しく」で内容を確認できます。「従業員は30人に変更」のように条件を変えたり、「IT導入補助金の補助率は？」のように質問したりもできます。');
  return {
    kind: 'answer',
    texts,
    cards: shown.map((r) => programCard(k, r)),
    choices: [
      { label: '条件を変える', value: 'cmd:change' },
      { label: '最初から', value: 'cmd:restart' },
      { label: 'ヘルプ', value: 'cmd:help' },
    ],
  };
}

/** Moves to the next step and builds its reply. */
function advance(k: Knowledge, state: ConversationState, date: string, lead: string[]): Reply {
  const next = nextStep(k, state, date);
  state.step = next.step;
  if (next.step === 'answered') return answerReply(k, state, date, lead);
  return questionReply(k, state, next.followUp, lead);
}

/** A deep copy of the slots (plain data; faster than structuredClone on the hot path). */
function copySlots(slots: Slots): Slots {
  return { ...slots, ...(slots.goals ? { goals: [...slots.goals] } : {}), answers: { ...slots.answers } };
}

function snapshot(state: ConversationState): ConversationState['history'][number] {
  return { slots: copySlots(state.slots), step: state.step, asked: [...state.asked] };
}

function copyState(state: ConversationState): ConversationState {
  return { ...state, slots: copySlots(state.slots), asked: [...state.asked], history: state.history.map((h) => ({ ...h, slots: copySlots(h.slots), asked: [...h.asked] })), lastResults: [...state.lastResults] };
}

function rowFor(k: Knowledge, state: ConversationState, date: string, key: string): MatchRow | undefined {
  return matchRows(k, state.slots, date)?.rows.find((r) => `${r.programId}:${r.trackId}` === key);
}

function repeatQuestion(k: Knowledge, state: ConversationState, date: string, lead: string): Reply {
  if (state.step === 'answered') {
    return { kind: 'fallback', texts: [lead, '条件を変える場合は「従業員は30人に変更」のように、制度について知りたい場合は「IT導入補助金の補助率は？」のようにお送りください。'], cards: [], choices: [
      { label: '条件を変える', value: 'cmd:change' },
      { label: '結果をもう一度', value: 'cmd:results' },
      { label: '最初から', value: 'cmd:restart' },
      { label: 'ヘルプ', value: 'cmd:help' },
    ] };
  }
  const reply = advance(k, state, date, [lead]);
  return { ...reply, kind: 'fallback' };
}

export function handleTurn(ctx: TurnContext, previous: ConversationState | undefined, input: TurnInput): TurnResult {
  const k = ctx.knowledge;
  const state: ConversationState = previous ? copyState(previous) : initialState();
  const done = (reply: Reply): TurnResult => ({ state, reply });

  if (input.kind === 'start') {
    const fresh = initialState();
    return { state: fresh, reply: advance(k, fresh, ctx.date, [GREETING]) };
  }
  if (input.kind === 'unsupported') {
    const what = { sticker: 'スタンプ', image: '画像', audio: '音声', video: '動画', file: 'ファイル', other: 'このメッセージ' }[input.what];
    return done(repeatQuestion(k, state, ctx.date, `ありがとうございます。申し訳ありませんが、${what}の内容は読み取れません。文字かボタンでお答えください。`));
  }

  const command = commandOf(input);
  if (command) {
    switch (command.name) {
      case 'restart': {
        const fresh = initialState();
        return { state: fresh, reply: advance(k, fresh, ctx.date, ['最初からお調べします。']) };
      }
      case 'help':
        return done({ ...repeatQuestion(k, state, ctx.date, HELP_TEXT), kind: 'help' });
      case 'delete':
        return {
          state: initialState(),
          reply: { kind: 'deleted', texts: ['ご入力いただいた内容（所在地・業種・従業員数などの条件）をすべて削除しました。ご利用ありがとうございました。もう一度調べる場合は「始める」とお送りください。'], cards: [], choices: [{ label: '始める', value: 'cmd:restart' }], forget: true },
        };
      case 'back': {
        const prev = state.history.pop();
        if (!prev) return done(repeatQuestion(k, state, ctx.date, 'これ以上は戻れません。'));
        state.slots = prev.slots;
        state.asked = prev.asked;
        const reply = advance(k, state, ctx.date, ['一つ前に戻ります。']);
        return done(reply);
      }
      case 'results':
        if (state.step !== 'answered') return done(repeatQuestion(k, state, ctx.date, 'まだ結果が出ていません。'));
        return done(answerReply(k, state, ctx.date, []));
      case 'change':
        return done({
          kind: 'question',
          texts: ['どの条件を変えますか？ボタンを選ぶか、「従業員は30人に変更」「やっぱり東京都」のようにお送りください。'],
          cards: [],
          choices: [
            { label: '所在地', value: 'ch:region' },
            { label: '業種', value: 'ch:industry' },
            { label: '従業員数', value: 'ch:employees' },
            { label: '目的', value: 'ch:goal' },
            { label: '予定経費', value: 'ch:expense' },
          ],
          question: { id: 'change', label: '変更する条件' },
        });
      case 'detail':
      case 'calc': {
        const key = command.key ?? state.lastResults[command.index ?? -1];
        const row = key ? rowFor(k, state, ctx.date, key) : undefined;
        if (!row) return done(repeatQuestion(k, state, ctx.date, 'その制度が見つかりませんでした。結果の番号かボタンでお選びください。'));
        const texts = command.name === 'detail' ? detailText(k, row) : calculationText(row);
        return done({ kind: 'detail', texts, cards: [programCard(k, row)], choices: [{ label: '結果に戻る', value: 'cmd:results' }, { label: '条件を変える', value: 'cmd:change' }] });
      }
    }
  }

  // A free question about a program (「IT導入補助金の補助率は？」) is answered without touching the slots.
  if (input.kind === 'text') {
    const faq = answerFreeQuestion(k, input.text, ctx.date);
    if (faq) {
      // Answer, then repeat the question in progress (or offer the results again).
      if (state.step === 'answered') return done({ kind: 'info', texts: faq, cards: [], choices: [{ label: '結果に戻る', value: 'cmd:results' }] });
      const prompt = promptFor(k, state.step, state.slots, questionsFor(k, [state.step.slice(2)])[0]);
      return done({ kind: 'info', texts: [...faq, prompt.label], cards: [], choices: prompt.choices, question: { id: prompt.id, label: prompt.label } });
    }
  }

  const before = snapshot(state);
  const applied: Applied =
    input.kind === 'choice' ? applyChoice(k, state, input.value) : applyText(k, state, input.kind === 'location' ? input.address : input.text);
  if (applied.reask) {
    state.step = applied.reask;
    const followUp = applied.reask.startsWith('q:') ? questionsFor(k, [applied.reask.slice(2)])[0] : undefined;
    return done(questionReply(k, state, followUp, applied.notes));
  }
  if (!applied.changed) {
    return done(repeatQuestion(k, state, ctx.date, applied.notes[0] ?? 'すみません、うまく読み取れませんでした。'));
  }
  state.history.push(before);
  if (state.history.length > 10) state.history.shift();
  return done(advance(k, state, ctx.date, applied.notes));
}
