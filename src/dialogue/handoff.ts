// The handoff to a 商工会・商工会議所 advisor (issue 16), platform-neutral: the offer under
// an answer, the consent step (exactly what will be shared, an optional name and
// phone), the open case (the owner's typed messages go to the advisor) and the case's
// events (opened, claimed, an advisor's message, closed). Nothing is sent before
// 「同意して相談する」; the case carries conditions and results, never message text.
// Opening, relaying and closing are effects carried out by the storage layer.
import { fnv1a } from '../core/hash';
import { choice, decodeAction } from './actions';
import { programLine } from './answer';
import { textCommand } from './commands';
import type { TurnContext } from './plan';
import type { Choice, ConversationState, ProgramCard, Reply, TurnInput } from './types';

export interface Contact {
  name?: string;
  phone?: string;
}

export type HandoffState =
  /**
   * Shown what would be shared (`shown`: its fingerprint); waiting for 「同意して相談する」, or a
   * name and phone typed. Any other input leaves this step; consent to anything but what was
   * shown shows it again.
   */
  | { phase: 'consent'; contact: Contact; shown: string }
  /** Consent given, the case being sent: a second press sends nothing. */
  | { phase: 'opening' }
  /** The case is open: typed messages go to the advisor's thread. */
  | { phase: 'open'; caseId: string; advisor?: string; relayNoted?: boolean };

/** What a case carries to the advisors: structured conditions and results, never message text. */
export interface CaseDraft {
  /** 「所在地」「石川県金沢市」…: the slots as the answer showed them. */
  conditions: { label: string; value: string }[];
  prefecture?: string;
  municipality?: string;
  programs: { name: string; track: string; verdict: string; amount: string; status: string; checks: string[] }[];
  contact: Contact;
  /** YYYY-MM-DD (JST) the results were computed for. */
  date: string;
  /** How old the documents behind the results are (「2025年3月〜2025年4月」). */
  asOf: string;
}

/** What happened to a case; news of any case but the open one says nothing. */
export type CaseEvent =
  | { type: 'opened'; caseId: string }
  | { type: 'failed' }
  | { type: 'claimed'; caseId: string; advisor: string }
  | { type: 'message'; caseId: string; advisor: string; text: string }
  /** idle: closed after 90 days with no exchange. */
  | { type: 'closed'; caseId: string; idle?: boolean };

/** Every case a conversation opened (open or closed): what 「データを削除」 withdraws. */
export const caseIdsOf = (state: Pick<ConversationState, 'cases' | 'handoff'> | undefined): string[] => [
  ...new Set([...(state?.cases ?? []), ...(state?.handoff?.phase === 'open' ? [state.handoff.caseId] : [])]),
];

/** At most this many case ids are kept (for deletion) per conversation. */
export const MAX_CASES = 20;

/** The answer the case is about: its conditions (one line each) and its cards, as the owner saw them. */
export interface HandoffResults {
  conditions: string[];
  cards: ProgramCard[];
  /** Per card: what is 要確認 (conditions not yet checked, doubts about the amount). */
  checks: string[][];
  /** How old the documents behind the cards are (「2025年3月〜2025年4月」). */
  asOf: string;
  prefecture?: string;
  municipality?: string;
}

/** Longest owner message relayed (a Slack section holds 3,000 characters). */
export const MAX_RELAY = 2_000;

const OFFER = choice('商工会に相談する', { type: 'handoff', step: 'offer' });
const CONSENT = choice('同意して相談する', { type: 'handoff', step: 'consent' });
const CANCEL = choice('やめる', { type: 'handoff', step: 'cancel' });
const END = choice('相談を終了', { type: 'handoff', step: 'end' });
const RESULTS = choice('結果に戻る', { type: 'command', command: 'results' });

const reply = (kind: Reply['kind'], texts: string[], choices: Choice[] = [], extra: Partial<Reply> = {}): Reply => ({ kind, texts, cards: [], choices, ...extra });

/** The choice under an answer: the offer, or 「相談を終了」 while a case is open. */
export function handoffChoices(ctx: TurnContext, state: ConversationState): Choice[] {
  if (state.handoff?.phase === 'open') return [END];
  return ctx.features?.handoff ? [OFFER] : [];
}

export function caseDraft(results: HandoffResults, contact: Contact, date: string): CaseDraft {
  return {
    conditions: results.conditions.map((l) => {
      const i = l.indexOf('：');
      return i < 0 ? { label: '条件', value: l } : { label: l.slice(0, i), value: l.slice(i + 1) };
    }),
    ...(results.prefecture ? { prefecture: results.prefecture } : {}),
    ...(results.municipality ? { municipality: results.municipality } : {}),
    programs: results.cards.map((c, i) => ({
      name: c.title,
      track: c.subtitle,
      verdict: c.verdictLabel,
      amount: c.headline,
      status: c.statusLabel,
      checks: results.checks[i] ?? [],
    })),
    contact,
    date,
    asOf: results.asOf,
  };
}


/** The fingerprint of what a consent step shows (the contact is in the state beside it). */
const shownOf = (results: HandoffResults) => fnv1a(JSON.stringify([results.conditions, results.cards.map((c) => [c.title, c.subtitle, c.verdictLabel, c.headline, c.statusLabel]), results.checks]));

/** The consent step: exactly what would be sent, and how to add a name and phone (the state remembers what was shown). */
function consentReply(state: ConversationState, results: HandoffResults, contact: Contact, lead: string[] = []): Reply {
  state.handoff = { phase: 'consent', contact, shown: shownOf(results) };
  const programs = results.cards.map((c, i) => {
    const checks = results.checks[i] ?? [];
    return `${i + 1}. ${programLine(c.title, c.subtitle)} ${c.verdictLabel}・${c.headline}・${c.statusLabel}${checks.map((x) => `\n　要確認：${x}`).join('')}`;
  });
  const shared = [
    '商工会・商工会議所の担当者に、次の内容をお送りします。',
    `【条件】\n${results.conditions.join('\n')}`,
    `【制度と金額の目安】（${results.asOf}時点の資料による目安）\n${programs.length > 0 ? programs.join('\n') : '（該当する制度なし）'}`,
    `【連絡先】\nお名前：${contact.name ?? '（未入力）'}\n電話番号：${contact.phone ?? '（未入力）'}`,
  ].join('\n\n');
  const how =
    'お名前と電話番号を担当者に伝える場合は、「山田太郎 090-1234-5678」のように送ってください（任意です）。これまでのメッセージの文面はお送りしません。\n' +
    'この内容でよろしければ「同意して相談する」を、送らない場合は「やめる」を押してください。同意いただくまで何も送信しません。';
  return reply('question', [...lead, shared, how], [CONSENT, CANCEL], { question: { id: 'handoff', label: '相談内容の送信' } });
}

/**
 * A name and a phone number typed in the consent step (either may be missing). A name
 * counts only beside a phone number or with a marker (「名前は」「…です」「…と申します」),
 * so that an ordinary message is not taken for a name.
 */
export function readContact(text: string): Contact {
  // Dashes as typed on Japanese keyboards (ー included) between digits, and (076)… or 090.1234.… forms.
  const t = text
    .normalize('NFKC')
    .replace(/(?<=\d)\s*[ー‐－―−.]\s*(?=\d)/g, '-')
    .replace(/\((0\d{1,4})\)\s*/g, '$1-')
    .replace(/(?<=\d)\s*\((\d{1,4})\)\s*(?=\d)/g, '-$1-')
    .replace(/(内線|ext\.?)\s*\d+/gi, ' ')
    .trim();
  const out: Contact = {};
  const phone = /(?:\+81[-\s]?|0)\d{1,4}[-\s]?\d{1,4}[-\s]?\d{3,4}/.exec(t);
  if (phone) {
    const digits = phone[0].replace(/^\+81/, '0').replace(/\D/g, '');
    // Mobile and IP numbers (070/080/090/050) have 11 digits, others 10.
    const valid = /^0[5789]0/.test(digits) ? digits.length === 11 : digits.length === 10;
    if (valid) out.phone = phone[0].replace(/\s/g, '-').replace(/^\+81-?/, '0');
  }
  // 「…です」 alone is no marker: 「金沢市です」「締め切りはいつですか」 are not names.
  const marked = /(お名前|名前|氏名)(は|:)|と申します|といいます/.test(t);
  const rest = (phone ? t.replace(phone[0], ' ') : t)
    .replace(/(電話番号|電話|TEL|tel|携帯|連絡先|お名前|名前|氏名)(は|:)?/g, ' ')
    .replace(/(です|と申します|といいます|でお願いします|お願いします)[。.!！]*/g, ' ')
    .replace(/[、,。:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if ((out.phone || marked) && looksLikeName(rest)) out.name = rest;
  return out;
}

/** A name, not the rest of a sentence (「よろしく」「担当者様へ」「午後なら出られます」 are not names). */
function looksLikeName(text: string): boolean {
  if (!text || text.length > 24 || /\d/.test(text) || /[?？]$|(です|ます)か$/.test(text)) return false;
  if (/ありがと|よろしく|宜しく|お願い|様へ|担当者|連絡|電話|午前|午後|平日|土日|\d+時/.test(text)) return false;
  return !/(ます|です|でした|ください|下さい|から|まで|なら)$/.test(text);
}

/** 「商工会に相談する」「同意して相談する」「やめる」「相談を終了」. */
export function handoffAction(ctx: TurnContext, state: ConversationState, step: 'offer' | 'consent' | 'cancel' | 'end', results: () => HandoffResults | undefined): Reply {
  const h = state.handoff;
  if (step === 'end') {
    if (h?.phase !== 'open') return reply('info', ['現在、商工会に相談中の案件はありません。'], [RESULTS]);
    delete state.handoff;
    return reply('info', ['商工会への相談を終了しました。商工会にもお伝えしました。ご利用ありがとうございました。引き続き、制度をお調べいただけます。'], [RESULTS], { effects: [{ type: 'close-case', caseId: h.caseId }] });
  }
  if (h?.phase === 'open') return reply('info', ['すでに商工会の担当者に相談中です。ここに送ったメッセージは担当者に届きます。終えるときは「相談を終了」と送ってください。'], [END]);
  if (step === 'cancel') {
    delete state.handoff;
    return reply('info', ['商工会への相談は取りやめました。何も送信していません。'], [RESULTS]);
  }
  // Sending (or stuck, if the send was cut off): a way out is always offered.
  if (h?.phase === 'opening') return reply('info', ['ただいま商工会にお送りしています。しばらくたっても完了のお知らせがない場合は、「やめる」を押してから、もう一度お試しください。'], [CANCEL]);
  if (!ctx.features?.handoff) return reply('info', ['申し訳ありません。このトークからは商工会への相談をお送りできません。LINEの1対1のトークかWebチャットからご利用ください。'], [RESULTS]);
  const r = results();
  if (!r) return reply('info', ['先に条件をお知らせください。結果をお出ししたあとで、その内容を商工会にご相談いただけます。'], []);
  if (step === 'offer') return consentReply(state, r, h?.phase === 'consent' ? h.contact : {});
  // consent: only to exactly what the consent step showed (a stale button, or results that changed, show it again).
  if (h?.phase !== 'consent' || h.shown !== shownOf(r)) return consentReply(state, r, h?.phase === 'consent' ? h.contact : {}, ['送信する内容をもう一度ご確認ください。']);
  state.handoff = { phase: 'opening' };
  return reply('info', ['商工会にお送りしています…'], [], { effects: [{ type: 'handoff', draft: caseDraft(r, h.contact, ctx.date) }] });
}

/** Whether an input belongs to the consent step (anything else leaves it: nothing is sent). */
export function staysInConsent(input: TurnInput): boolean {
  if (input.kind === 'text') return true; // read by consentText, which leaves the step itself
  if (input.kind === 'choice') return decodeAction(input.value)?.type === 'handoff';
  if (input.kind === 'action') return input.action.type === 'handoff';
  return false;
}

const CANCEL_WORDS = /^(やめる|やめます|やめて|キャンセル|取り消し|送らない|送らないで)$/;

/** Text in the consent step: consent, cancel, or a name and phone; anything else leaves the step (undefined). */
export function consentText(ctx: TurnContext, state: ConversationState, text: string, results: () => HandoffResults | undefined): Reply | undefined {
  const h = state.handoff;
  const t = text.normalize('NFKC').trim().replace(/[。.!！\s]+$/g, '');
  if (h?.phase === 'opening' && CANCEL_WORDS.test(t)) return handoffAction(ctx, state, 'cancel', results);
  if (h?.phase !== 'consent') return undefined;
  // Only words of consent consent: 「はい」 may be the answer to another question.
  if (/^(同意|同意します|同意して相談する|同意して送信|同意して送信する)$/.test(t)) return handoffAction(ctx, state, 'consent', results);
  if (CANCEL_WORDS.test(t)) return handoffAction(ctx, state, 'cancel', results);
  const r = textCommand(text) ? undefined : results();
  if (r && /(連絡先|名前|電話)/.test(t) && /(消|削除|なし|無し|不要|いらない|送らない)/.test(t)) return consentReply(state, r, {}, ['連絡先を消しました。お名前・電話番号はお送りしません。']);
  const contact = r ? readContact(text) : {};
  const nameOnly = /^(.{1,12}?)(です|と申します)?$/.exec(t)?.[1];
  if (r && !contact.name && !contact.phone && nameOnly && /です$/.test(t) && looksLikeName(nameOnly))
    return consentReply(state, r, h.contact, [`「${nameOnly}」をお名前としてお送りする場合は、「名前は${nameOnly}」と送ってください。`]);
  if (!r || (!contact.name && !contact.phone)) {
    // Digits alone: a phone number that did not read. Anything else leaves the consent step (nothing was sent).
    if (r && /^[\d\-\s()+]{6,}$/.test(t)) return consentReply(state, r, h.contact, ['電話番号として読み取れませんでした。「090-1234-5678」のように、市外局番から送ってください。']);
    delete state.handoff;
    return undefined;
  }
  return consentReply(state, r, { ...h.contact, ...contact }, ['連絡先を追加しました。']);
}

const END_PHRASE = /^相談を?(終了|終わり|終え|やめ)(する|します|したい|ます|たい|る|で|にします|です)?$/;
/** Alone as the whole message: 「終了」「終了します」「終わります」. */
const END_ALONE = /^(終了|終了します|終わります|終わりにします)$/;
const COURTESY = /^(ありがとう(ございました|ございます)?|お世話になりました|お世話になります|失礼します|失礼いたします|助かりました|よろしくお願いします|よろしくお願いいたします|また相談します)$/;

/**
 * 「相談を終了」 (also with thanks around it: 「ありがとうございました。相談を終了します」); bare
 * 「終了」 only as the whole message. Anything else in the message (a question, news for the
 * advisor) and it is relayed instead, so nothing the owner wrote is swallowed.
 */
function endsCase(text: string): boolean {
  if (END_ALONE.test(text)) return true;
  const sentences = text.split(/[。．!！\n、\s]+/).filter(Boolean);
  const ends = sentences.filter((x) => END_PHRASE.test(x));
  return ends.length === 1 && sentences.every((x) => END_PHRASE.test(x) || COURTESY.test(x));
}

/**
 * A typed message while the case is open: relayed to the advisor (no reply but a first
 * notice), 「相談を終了」 closes it; undefined for 「データを削除」, which the engine asks about.
 */
export function openCaseInput(ctx: TurnContext, state: ConversationState, input: TurnInput): Reply | undefined {
  const h = state.handoff;
  if (h?.phase !== 'open') return undefined;
  if (input.kind === 'unsupported') return reply('info', ['申し訳ありません。スタンプ・画像などは担当者にお送りできません。文字でお送りください。'], [END]);
  if (input.kind !== 'text' && input.kind !== 'location') return undefined;
  const text = (input.kind === 'text' ? input.text : `（位置情報）${input.address}`).trim();
  if (input.kind === 'text') {
    const t = text.normalize('NFKC').replace(/[。.!！\s]+$/g, '');
    if (endsCase(t)) return handoffAction(ctx, state, 'end', () => undefined);
    // A message that is only one of the bot's commands (「データを削除」「最初から」「保存した制度」…) is for the bot.
    if (textCommand(text)?.type === 'command') return undefined;
  }
  if (text === '') return reply('relayed', []);
  const chars = Array.from(text);
  const relayed = chars.length > MAX_RELAY ? `${chars.slice(0, MAX_RELAY).join('')}\n（以下省略：長いメッセージのため、最初の${MAX_RELAY.toLocaleString('ja-JP')}文字です）` : text;
  const effects = [{ type: 'relay' as const, caseId: h.caseId, text: relayed }];
  const cut = chars.length > MAX_RELAY ? [`長いメッセージのため、最初の${MAX_RELAY.toLocaleString('ja-JP')}文字をお送りしました。`] : [];
  const first = !h.relayNoted;
  h.relayNoted = true;
  if (!first && cut.length === 0) return reply('relayed', [], [], { effects });
  const notice = first ? ['商工会の担当者宛てにお送りしました。以降のメッセージもこのまま届きます（このお知らせは最初の1回だけです）。相談を終えるときは「相談を終了」と送ってください。', ...cut] : cut;
  return reply('info', notice, [END], { effects });
}

/** What happened to the case, told to the owner; news of another case (or none open) says nothing. */
export function caseEvent(state: ConversationState, event: CaseEvent): Reply {
  const h = state.handoff;
  if (event.type === 'opened') {
    state.handoff = { phase: 'open', caseId: event.caseId };
    // Every case this conversation opened, so that 「データを削除」 reaches closed ones too.
    state.cases = [...(state.cases ?? []).filter((id) => id !== event.caseId), event.caseId].slice(-MAX_CASES);
    return reply(
      'info',
      ['商工会・商工会議所に相談内容をお送りしました。担当者が決まりましたら、ここでお知らせします。\nこれから送るメッセージは担当者に届きます（スタンプ・画像は届きません）。相談を終えるときは「相談を終了」と送ってください。'],
      [END],
    );
  }
  if (event.type === 'failed') {
    delete state.handoff;
    return reply('fallback', ['申し訳ありません。商工会への送信に失敗しました。相談内容は送られていません。少し時間をおいて、もう一度「商工会に相談する」からお試しください。'], [OFFER]);
  }
  if (h?.phase !== 'open' || h.caseId !== event.caseId) return reply('relayed', []);
  switch (event.type) {
    case 'claimed':
      h.advisor = event.advisor;
      return reply('info', [`担当者が決まりました。${event.advisor}さんが担当します。ここでそのままやり取りできます。`], [END]);
    case 'message':
      return reply('info', [`【担当 ${event.advisor}さんより】\n${event.text}`], [END]);
    case 'closed':
      delete state.handoff;
      if (event.idle) return reply('info', ['90日間やり取りがなかったため、商工会への相談を終了しました。あらためて相談する場合は「商工会に相談する」を押してください。'], [RESULTS, OFFER]);
      // Closed before anyone took it: no advisor was in touch, so none is said to have ended it.
      if (!h.advisor) return reply('info', ['商工会でこの相談を終了しました（担当者からのご連絡はありませんでした）。あらためて相談する場合は、もう一度「商工会に相談する」を押してください。'], [RESULTS, OFFER]);
      return reply('info', ['担当者が相談を終了しました。ご利用ありがとうございました。引き続き、制度をお調べいただけます。'], [RESULTS]);
  }
}
