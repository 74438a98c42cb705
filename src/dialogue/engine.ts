// The dialogue engine: one user turn in, the next state and a reply model out.
// Platform-neutral and pure: storage and rendering live elsewhere. Once the slots
// that matching needs are known, the reply is the answer; questions that would
// change a verdict or an amount follow under it as refinements.
import { dataAgeText, isOpenToday } from '../core/status';
import { choice, decodeAction, type Action, type CommandName } from './actions';
import { amountCaveats, calculationText, detailText, profileLines, profileSummary, programCard } from './answer';
import { followAction, followChoices, saveChoice } from './follow';
import { caseEvent, caseIdsOf, consentText, handoffAction, handoffChoices, openCaseInput, staysInConsent, type HandoffResults } from './handoff';
import { applyAction, applyText, type Applied } from './apply';
import { HELP_TEXT, textCommand } from './commands';
import { answerFreeQuestion, answerGeneralQuestion } from './faq';
import { matchSlots, type Matched, type TurnContext } from './plan';
import { groupByProgram } from './ranking';
import { refinements, type Refinement } from './refine';
import { SLOT_SPECS, specFor } from './slot-specs';
import { initialState, type Choice, type ConversationState, type Reply, type Step, type TurnInput } from './types';

export type { TurnContext };

export interface TurnResult {
  state: ConversationState;
  reply: Reply;
}

const MAX_CARDS = 10;
const GREETING =
  'こんにちは。補助金ナビです。所在地・業種・従業員数・目的を伺って、使える補助金・助成金・融資と、受け取れる金額の目安をお調べします。';

/** Greetings and thanks get a word back, then what the bot is waiting for. */
const SMALL_TALK: [RegExp, string][] = [
  [/^(ありがとう|ありがとうございます|ありがとうございました|助かりました|助かります|どうも)[!！。、\s]*$/, 'どういたしまして。お役に立てばうれしいです。'],
  [/^(こんにちは|こんばんは|おはようございます|おはよう|はじめまして|よろしくお願いします|よろしく)[!！。、\s]*$/, 'こんにちは。補助金ナビです。'],
];

const ANSWER_CHOICES: Choice[] = [
  choice('条件を変える', { type: 'command', command: 'change' }),
  choice('最初から', { type: 'command', command: 'restart' }),
  choice('ヘルプ', { type: 'command', command: 'help' }),
];

/** The turn's own memo of the match (keyed by the slots it was computed for). */
class Turn {
  private memo: { key: string; value: Matched | undefined } | undefined;
  constructor(readonly ctx: TurnContext, readonly state: ConversationState) {}
  get k() {
    return this.ctx.knowledge;
  }
  match(): Matched | undefined {
    const key = JSON.stringify(this.state.slots);
    if (this.memo?.key !== key) this.memo = { key, value: matchSlots(this.ctx, this.state.slots) };
    return this.memo.value;
  }
}

/** The first required slot still missing, or undefined when the answer can be given. */
function missingSlot(t: Turn): Step | undefined {
  const spec = SLOT_SPECS.find((s) => s.needed(t.k, t.state.slots));
  return spec?.id as Step | undefined;
}

function questionReply(t: Turn, step: Step, lead: string[]): Reply {
  t.state.step = step;
  const spec = specFor(t.k, step);
  if (!spec) return answerReply(t, lead);
  const prompt = spec.prompt(t.k, t.state.slots);
  return { kind: 'question', texts: [...lead, prompt.label], cards: [], choices: prompt.choices, question: { id: step, label: prompt.label } };
}

function refinementText(list: Refinement[]): string {
  return ['次の点が分かると、金額や判定が変わります（ボタンか文字でお答えください）：', ...list.map((r, i) => `${i === 0 ? '▶' : '・'}${r.label}\n　→ ${r.effect}`)].join('\n');
}

function answerReply(t: Turn, lead: string[]): Reply {
  const { state, k } = t;
  const m = t.match();
  if (!m) return questionReply(t, 'region', lead);
  const groups = groupByProgram(m.rows).slice(0, MAX_CARDS);
  state.answered = true;
  state.lastResults = groups.map((g) => `${g.best.programId}:${g.best.trackId}`);
  const texts = [...lead, profileSummary(k, state.slots, m.sizeLabel)];
  if (groups.length === 0) {
    texts.push('申し訳ありません。この条件で対象になりそうな制度は、登録されている資料の中には見つかりませんでした。目的や条件を変えてお試しください。');
  } else {
    // Open today only by a dated period; a 随時/未定 known from a document's wording is said apart.
    const open = groups.filter((g) => isOpenToday(g.best.status)).length;
    const worded = groups.filter((g) => g.best.status.asOfWording).length;
    const age = dataAgeText(groups.map((g) => g.best.edition.asOf));
    texts.push(
      `対象になりそうな制度が${groups.length}件見つかりました（資料は${age}時点のものです）。` +
        (open > 0 ? `資料の受付期間から見て、現在受付中は${open}件です。` : '資料の受付期間から見て、現在受付中と分かる制度はありません。') +
        (worded > 0 ? `${worded}件は資料の時点で随時受付・未定とされていたもので、現在の受付状況は窓口でご確認ください。` : '') +
        'ご希望に近い順に並べています。金額は税抜の経費から計算した目安です。受付終了の制度は、次回の公募を窓口でご確認ください。',
    );
  }
  // Programs excluded by size alone (a program shown with another track is not 「対象外」).
  const shownIds = new Set(groups.map((g) => g.best.programId));
  const excluded = m.rows.filter((r) => !shownIds.has(r.programId) && r.verdict === 'ineligible' && r.reasons.some((x) => x.criterion === 'size' && x.verdict === 'ineligible') && r.reasons.every((x) => x.criterion === 'size' || x.verdict !== 'ineligible'));
  if (excluded.length > 0) {
    const names = [...new Set(excluded.map((r) => `・${r.programName}：${r.reasons.find((x) => x.criterion === 'size')!.text}`))].slice(0, 3);
    texts.push(`企業規模の要件で対象外になった制度：\n${names.join('\n')}`);
  }
  const refine = refinements(t.ctx, state, m, groups);
  const cards = groups.map((g) => programCard(k, g, state.slots, saveChoice(t.ctx, state, g.best.programId, g.best.trackId)));
  state.offered = refine.map((r) => r.step);
  if (refine.length === 0) {
    state.step = 'answered';
    texts.push('カードの「計算の内訳」「詳しく」で内容を確認できます。「従業員は30人に変更」のように条件を変えたり、「IT導入補助金の補助率は？」のように質問したりもできます。');
    return { kind: 'answer', texts, cards, choices: answerChoices(t) };
  }
  // The first refinement is the pending question: its buttons come first.
  const first = refine[0]!;
  state.step = first.step as Step;
  const prompt = specFor(k, first.step)!.prompt(k, state.slots);
  texts.push(refinementText(refine));
  return { kind: 'answer', texts, cards, choices: [...prompt.choices, ...answerChoices(t)], question: { id: first.step, label: prompt.label } };
}

/** Under an answer: 条件を変える, the channel's extras (商工会に相談する, 新しい制度をお知らせ), 最初から, ヘルプ. */
function answerChoices(t: Turn): Choice[] {
  return [ANSWER_CHOICES[0]!, ...handoffChoices(t.ctx, t.state), ...followChoices(t.ctx, t.state), ...ANSWER_CHOICES.slice(1)];
}

/** The answer as a case would carry it (the consent step shows exactly this); undefined before an answer. */
function handoffResults(t: Turn): HandoffResults | undefined {
  const m = t.match();
  if (!m || !t.state.answered || missingSlot(t)) return undefined;
  const groups = groupByProgram(m.rows).slice(0, MAX_CARDS);
  const s = t.state.slots;
  // An expense's purpose by its goal's label, not the words the user wrote around it.
  const shared = { ...s, ...(s.expenses ? { expenses: s.expenses.map((e) => ({ ...e, label: t.k.ix.goalById.get(e.goal)?.label ?? e.label })) } : {}) };
  return {
    conditions: profileLines(t.k, shared, m.sizeLabel),
    asOf: dataAgeText(groups.map((g) => g.best.edition.asOf)),
    cards: groups.map((g) => programCard(t.k, g, s)),
    // What an advisor would check first: the conditions not yet settled, then the amount's caveats.
    checks: groups.map((g) => [...new Set([...g.best.reasons.filter((r) => r.verdict === 'check').map((r) => r.text.replace(/。$/, '')), ...amountCaveats(t.k, g.best)])]),
    ...(s.prefecture ? { prefecture: s.prefecture } : {}),
    ...(s.municipality ? { municipality: s.municipality } : {}),
  };
}

/** What outlives 「最初から」: an open case and the follow-up settings. */
function carryOver(from: ConversationState, to: ConversationState): ConversationState {
  if (from.handoff?.phase === 'open') to.handoff = from.handoff;
  if (from.follow) to.follow = from.follow;
  if (from.cases) to.cases = from.cases;
  return to;
}

/** Moves on: the next missing slot, or the answer. */
function advance(t: Turn, lead: string[]): Reply {
  const missing = missingSlot(t);
  if (missing) return questionReply(t, missing, lead);
  return answerReply(t, lead);
}

/** Repeats what the bot is waiting for after a note (help, a sticker, an unreadable message). */
function repeatQuestion(t: Turn, lead: string, kind: Reply['kind'] = 'fallback'): Reply {
  if (t.state.answered && t.state.step === 'answered') {
    return {
      kind,
      texts: [lead, '条件を変える場合は「従業員は30人に変更」のように、制度について知りたい場合は「IT導入補助金の補助率は？」のようにお送りください。'],
      cards: [],
      choices: [choice('条件を変える', { type: 'command', command: 'change' }), choice('結果をもう一度', { type: 'command', command: 'results' }), ...ANSWER_CHOICES.slice(1)],
    };
  }
  const missing = missingSlot(t);
  const step = missing ?? (t.state.step === 'answered' ? undefined : t.state.step);
  if (!step) return { ...answerReply(t, [lead]), kind };
  return { ...questionReply(t, step, [lead]), kind };
}

function copyState(state: ConversationState): ConversationState {
  const slots = (s: ConversationState['slots']) => ({ ...s, ...(s.goals ? { goals: [...s.goals] } : {}), ...(s.expenses ? { expenses: s.expenses.map((e) => ({ ...e })) } : {}), answers: { ...s.answers } });
  return {
    ...state,
    slots: slots(state.slots),
    asked: [...state.asked],
    offered: [...state.offered],
    history: state.history.map((h) => ({ ...h, slots: slots(h.slots), asked: [...h.asked] })),
    lastResults: [...state.lastResults],
    ...(state.handoff ? { handoff: structuredClone(state.handoff) } : {}),
    ...(state.follow ? { follow: structuredClone(state.follow) } : {}),
  };
}

function command(t: Turn, name: CommandName): TurnResult {
  const { state } = t;
  const done = (reply: Reply): TurnResult => ({ state, reply });
  switch (name) {
    case 'saved':
      return done(followAction(t.ctx, state, { type: 'command', command: 'saved' }));
    case 'restart': {
      const fresh = new Turn(t.ctx, carryOver(state, initialState()));
      return { state: fresh.state, reply: advance(fresh, ['最初からお調べします。']) };
    }
    case 'help':
      return done(repeatQuestion(t, HELP_TEXT, 'help'));
    case 'delete':
      // Asks first: only the 「削除する」 button (a 'delete' action, confirmed) deletes.
      return done({
        kind: 'question',
        texts: [
          '本当に削除しますか？ご入力いただいた条件（所在地・業種・従業員数など）を、このトークだけでなく、グループなどほかのトークの分もすべて削除します。' +
            (hasCases(state) ? '商工会への相談も取り下げ、担当者に送った内容（条件・結果・連絡先・メッセージ）を削除します。' : '') +
            '削除すると元に戻せません。',
        ],
        cards: [],
        choices: [choice('削除する', { type: 'delete', confirmed: true }), choice('やめる', { type: 'delete', confirmed: false })],
      });
    case 'back': {
      const prev = state.history.pop();
      if (!prev) return done(repeatQuestion(t, 'これ以上は戻れません。'));
      // A message that filled several slots at once: go back one question (the last of them), not the whole message.
      const changed = SLOT_SPECS.filter((spec) => spec.show(t.k, prev.slots) !== spec.show(t.k, state.slots));
      if (changed.length > 1) {
        const last = changed[changed.length - 1]!;
        for (const f of last.fields) {
          if (prev.slots[f] === undefined) delete state.slots[f];
          else Object.assign(state.slots, { [f]: prev.slots[f] });
        }
        state.history.push(prev);
      } else {
        state.slots = prev.slots;
        state.asked = prev.asked;
      }
      state.answered = false;
      return done(advance(t, ['一つ前に戻ります。']));
    }
    case 'results':
      if (!state.answered || missingSlot(t)) return done(repeatQuestion(t, 'まだ結果が出ていません。'));
      return done(answerReply(t, []));
    case 'change':
      return done({
        kind: 'question',
        texts: ['どの条件を変えますか？ボタンを選ぶか、「従業員は30人に変更」「やっぱり東京都」のようにお送りください。'],
        cards: [],
        choices: [
          choice('所在地', { type: 'change', slot: 'region' }),
          choice('業種', { type: 'change', slot: 'industry' }),
          choice('従業員数', { type: 'change', slot: 'employees' }),
          choice('目的', { type: 'change', slot: 'goal' }),
          choice('予定経費', { type: 'change', slot: 'expense' }),
        ],
        question: { id: 'change', label: '変更する条件' },
      });
  }
}

/** 「詳しく」「計算の内訳」「他の枠」 of a program shown. */
function programDetail(t: Turn, what: 'detail' | 'calc' | 'tracks', programId: string, trackId?: string): Reply {
  const groups = groupByProgram(t.match()?.rows ?? []);
  const group = groups.find((g) => g.best.programId === programId);
  const row = group && [group.best, ...group.others].find((r) => trackId === undefined || r.trackId === trackId);
  if (!group || !row) return repeatQuestion(t, 'その制度は今の条件の結果にありません。結果の番号かボタンでお選びください。');
  const back = [choice('結果に戻る', { type: 'command', command: 'results' }), choice('条件を変える', { type: 'command', command: 'change' })];
  if (what === 'tracks') {
    const all = [group.best, ...group.others];
    const cards = all.map((r) => programCard(t.k, { best: r, others: [] }, t.state.slots));
    return { kind: 'detail', texts: [`【${group.best.programName}】の枠・類型（${all.length}件）です。`], cards, choices: back };
  }
  const texts = what === 'detail' ? detailText(t.k, row) : calculationText(t.k, row);
  return { kind: 'detail', texts, cards: [programCard(t.k, { best: row, others: [] }, t.state.slots)], choices: back };
}

function applied(t: Turn, result: Applied, before: ConversationState['history'][number]): Reply {
  const { state } = t;
  // Notes (changes confirmed, conversions) go in one message: LINE allows five per reply.
  const notes = result.notes.length > 0 ? [result.notes.join('\n')] : [];
  if (result.reask) return questionReply(t, result.reask, notes);
  if (!result.changed) return repeatQuestion(t, result.notes[0] ?? 'すみません、うまく読み取れませんでした。');
  state.history.push(before);
  if (state.history.length > 10) state.history.shift();
  return advance(t, notes);
}

function onAction(t: Turn, action: Action): TurnResult {
  const { state } = t;
  const done = (reply: Reply): TurnResult => ({ state, reply });
  switch (action.type) {
    case 'command':
      return command(t, action.command);
    case 'change':
      return done(questionReply(t, action.slot, []));
    case 'detail':
    case 'calc':
      return done(programDetail(t, action.type, action.programId, action.trackId));
    case 'tracks':
      return done(programDetail(t, 'tracks', action.programId));
    case 'handoff':
      return done(handoffAction(t.ctx, state, action.step, () => handoffResults(t)));
    case 'save':
    case 'unsave':
    case 'watch':
      return done(followAction(t.ctx, state, action));
    case 'delete':
      if (!action.confirmed) return done(repeatQuestion(t, '削除を取りやめました。ご入力いただいた条件はそのまま残っています。', 'info'));
      return {
        state: initialState(),
        reply: {
          kind: 'deleted',
          texts: [
            `ご入力いただいた内容（所在地・業種・従業員数などの条件${hasCases(state) ? '、商工会への相談' : ''}）をすべて削除しました。ご利用ありがとうございました。もう一度調べる場合は「始める」とお送りください。`,
          ],
          cards: [],
          choices: [choice('始める', { type: 'command', command: 'restart' })],
          forget: true,
        },
      };
    default: {
      const before = snapshot(state);
      const result = applyAction(t.k, state, action);
      if (!result) return done(repeatQuestion(t, 'そのボタンは今の質問には使えないようです。'));
      return done(applied(t, result, before));
    }
  }
}

function snapshot(state: ConversationState): ConversationState['history'][number] {
  const copy = copyState(state);
  return { slots: copy.slots, step: state.step, asked: copy.asked };
}

/** Whether deleting would withdraw a case (one is open, or was opened here). */
const hasCases = (state: ConversationState) => caseIdsOf(state).length > 0;

const CONSENT_LEFT = '（商工会への相談は送らずに取りやめました。送る場合は、もう一度「商工会に相談する」を押してください。）';
const CASE_OPEN_NOTE = '※商工会の担当者と相談中です。文字で送ったメッセージは担当者に届きますので、条件はボタンでお選びください。';

export function handleTurn(ctx: TurnContext, previous: ConversationState | undefined, input: TurnInput): TurnResult {
  const r = turn(ctx, previous, input);
  const { state, reply } = r;
  // Leaving the consent step is said, once: nothing was sent.
  if (previous?.handoff?.phase === 'consent' && !state.handoff && !reply.effects?.some((e) => e.type === 'handoff') && reply.kind !== 'deleted' && !reply.texts.some((x) => x.includes('取りやめました')))
    return { state, reply: { ...reply, texts: [CONSENT_LEFT, ...reply.texts] } };
  // While a case is open, typed text goes to the advisor: the bot's own questions say so.
  if (state.handoff?.phase === 'open' && reply.question && (reply.kind === 'question' || reply.kind === 'answer')) return { state, reply: { ...reply, texts: [...reply.texts, CASE_OPEN_NOTE] } };
  return r;
}

function turn(ctx: TurnContext, previous: ConversationState | undefined, input: TurnInput): TurnResult {
  const t = new Turn(ctx, previous ? copyState(previous) : initialState());
  const { state } = t;
  const done = (reply: Reply): TurnResult => ({ state, reply });

  if (input.kind === 'case') return done(caseEvent(state, input.event));
  const relayed = openCaseInput(ctx, state, input);
  if (relayed) return done(relayed);
  // The consent step holds only while the owner answers it: anything else leaves it, and nothing is sent.
  if (state.handoff?.phase === 'consent' && !staysInConsent(input)) delete state.handoff;
  if (input.kind === 'start') {
    const fresh = new Turn(ctx, carryOver(state, initialState()));
    return { state: fresh.state, reply: advance(fresh, [GREETING]) };
  }
  if (input.kind === 'rerun') {
    const fresh = new Turn(ctx, carryOver(state, initialState()));
    fresh.state.slots = copyState({ ...initialState(), slots: { ...input.slots, answers: { ...input.slots.answers } } }).slots;
    return { state: fresh.state, reply: advance(fresh, ['前回の条件でもう一度お調べします。']) };
  }
  if (input.kind === 'unsupported') {
    const what = { sticker: 'スタンプ', image: '画像', audio: '音声', video: '動画', file: 'ファイル', other: 'このメッセージ' }[input.what];
    return done(repeatQuestion(t, `ありがとうございます。申し訳ありませんが、${what}の内容は読み取れません。文字かボタンでお答えください。`));
  }
  if (input.kind === 'action') return onAction(t, input.action);
  if (input.kind === 'choice') {
    const action = decodeAction(input.value);
    if (!action) return done(repeatQuestion(t, '申し訳ありません。そのボタンは古いか、読み取れませんでした。'));
    return onAction(t, action);
  }

  const text = input.kind === 'location' ? input.address : input.text;
  if (input.kind === 'text') {
    const consent = consentText(ctx, state, text, () => handoffResults(t));
    if (consent) return done(consent);
    const cmd = textCommand(text);
    if (cmd?.type === 'numbered') {
      const key = state.lastResults[cmd.index];
      if (!key) return done(repeatQuestion(t, 'その番号の制度が見つかりませんでした。結果の番号かボタンでお選びください。'));
      const [programId, trackId] = key.split(':') as [string, string];
      return done(programDetail(t, cmd.what, programId, trackId));
    }
    if (cmd) return onAction(t, cmd);
    const greeting = SMALL_TALK.find(([re]) => re.test(text.normalize('NFKC').trim()));
    if (greeting) return done(repeatQuestion(t, greeting[1], 'info'));
    // A question typed mid-flow is answered without touching the slots; the pending question follows.
    // The programs shown are matched only when the message is such a question.
    const shown = () => (state.answered ? groupByProgram(t.match()?.rows ?? []).slice(0, MAX_CARDS).map((g) => g.best) : []);
    const faq = answerFreeQuestion(t.k, text, ctx.date) ?? answerGeneralQuestion(t.k, text, shown);
    if (faq) {
      if (state.step === 'answered') return done({ kind: 'info', texts: faq, cards: [], choices: [choice('結果に戻る', { type: 'command', command: 'results' })] });
      const reply = repeatQuestion(t, faq.join('\n\n'), 'info');
      return done({ ...reply, texts: [...faq, ...reply.texts.slice(1)] });
    }
  }
  const before = snapshot(state);
  return done(applied(t, applyText(t.k, state, text), before));
}
