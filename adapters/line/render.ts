// Reply model → LINE messages, within the Messaging API's limits: ≤ 5 messages,
// text ≤ 5,000 UTF-16 units, ≤ 13 quick-reply items with labels ≤ 20 characters,
// a Flex carousel of ≤ 12 bubbles, altText ≤ 1,500, postback data ≤ 300.
import type { messagingApi } from '@line/bot-sdk';
import type { Choice, ProgramCard, Reply } from '../../src/dialogue/types';
import { clip } from '../text';
import { choice } from '../../src/dialogue/actions';

export { clip };

export const LINE_LIMITS = {
  messages: 5,
  textLength: 5000,
  quickReplyItems: 13,
  actionLabel: 20,
  carouselBubbles: 12,
  /** 「The maximum size of JSON data that defines a carousel is 50 KB」 (UTF-8 bytes; 50,000 to be safe). */
  carouselBytes: 50_000,
  altText: 1500,
  postbackData: 300,
  /** Buttons in a card's footer (計算の内訳, 詳しく, 他の枠 or 条件を変える, この制度を保存); ours, not LINE's. */
  cardButtons: 4,
} as const;

/** A button's echo in the chat (postback displayText): its label, and what it is about when the label alone does not say. */
export function displayTextOf(choice: Choice): string {
  return clip(choice.subject ? `${choice.label}：${choice.subject}` : choice.label, LINE_LIMITS.postbackData);
}

/** A button: a postback of the choice's value (a message action when the value is too long for postback data). */
export function postback(choice: Choice, label = clip(choice.label, LINE_LIMITS.actionLabel)): messagingApi.Action {
  if (choice.value.length > LINE_LIMITS.postbackData) return { type: 'message', label, text: clip(choice.label, 300) };
  return { type: 'postback', label, data: choice.value, displayText: displayTextOf(choice) };
}

/** The quick-reply choices (at most 13, the last 「その他」 when there are more). */
function quickChoices(choices: Choice[]): Choice[] {
  return choices.length <= LINE_LIMITS.quickReplyItems
    ? choices
    : [...choices.slice(0, LINE_LIMITS.quickReplyItems - 1), choice('その他（入力する）', { type: 'command', command: 'help' })];
}

/** Labels that do not fit a quick-reply button: the buttons are numbered and the full choices listed in the text. */
const numbered = (choices: Choice[]) => choices.some((c) => c.label.length > LINE_LIMITS.actionLabel);

function quickReply(choices: Choice[]): messagingApi.QuickReply | undefined {
  if (choices.length === 0) return undefined;
  const items = quickChoices(choices);
  const number = numbered(items);
  return {
    items: items.map((c, i): messagingApi.QuickReplyItem => ({ type: 'action', action: postback(c, clip(number ? `${i + 1}. ${c.label}` : c.label, LINE_LIMITS.actionLabel)) })),
  };
}

/** The full choices as a numbered list, when some quick-reply labels had to be shortened. */
export function choiceList(choices: Choice[]): string | undefined {
  const items = quickChoices(choices);
  if (!numbered(items)) return undefined;
  return ['選択肢（ボタンの番号に対応しています）：', ...items.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
}

const VERDICT_COLORS: Record<ProgramCard['verdict'], string> = { eligible: '#1E7B34', check: '#B8860B', ineligible: '#9E9E9E' };
const STATUS_COLORS: Record<ProgramCard['statusCode'], string> = { open: '#1E7B34', rolling: '#1E7B34', upcoming: '#1565C0', tbd: '#757575', closed: '#C62828' };

type TextStyle = Omit<messagingApi.FlexText, 'type' | 'text'>;
const text = (t: string, extra: TextStyle = {}): messagingApi.FlexText => ({ type: 'text', text: clip(t || ' ', 400), wrap: true, ...extra });

function bubble(card: ProgramCard): messagingApi.FlexBubble {
  const fields = card.fields.slice(0, 5).map((f): messagingApi.FlexBox => ({
    type: 'box',
    layout: 'baseline',
    spacing: 'sm',
    contents: [text(f.label, { size: 'xs', color: '#888888', flex: 2 }), text(f.value, { size: 'xs', color: '#333333', flex: 5 })],
  }));
  return {
    type: 'bubble',
    size: 'mega',
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        {
          type: 'box',
          layout: 'horizontal',
          contents: [
            text(card.verdictLabel, { size: 'xs', weight: 'bold', color: VERDICT_COLORS[card.verdict], flex: 0 }),
            text(card.statusLabel, { size: 'xs', weight: 'bold', color: STATUS_COLORS[card.statusCode], align: 'end' }),
          ],
        },
        text(card.title, { weight: 'bold', size: 'md' }),
        text(card.subtitle, { size: 'sm', color: '#555555' }),
        text(card.issuer, { size: 'xxs', color: '#888888' }),
        { type: 'separator', margin: 'md' },
        text(card.headline, { weight: 'bold', size: 'md', color: '#0B6E4F', margin: 'md' }),
        text(card.reason, { size: 'xs', color: '#555555' }),
        ...fields,
        ...(card.otherTracks ? [text(card.otherTracks, { size: 'xxs', color: '#555555', margin: 'sm' })] : []),
        text(card.source, { size: 'xxs', color: '#999999', margin: 'md' }),
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: card.actions.slice(0, LINE_LIMITS.cardButtons).map((a): messagingApi.FlexButton => ({ type: 'button', style: 'link', height: 'sm', action: postback(a) })),
    },
  };
}

const encoder = new TextEncoder();
const jsonBytes = (v: unknown) => encoder.encode(JSON.stringify(v)).length;

/**
 * The cards that fit one carousel: at most 12 bubbles and 50 KB of JSON. Each bubble is
 * at most ~20 KB (every text is clipped to 400 characters), so at least two always fit.
 * Fast path: a UTF-8 byte is at most 3 per UTF-16 unit, so one length check usually settles it.
 */
function carouselOf(cards: ProgramCard[]): { cards: ProgramCard[]; contents: messagingApi.FlexCarousel } {
  const shown = cards.slice(0, LINE_LIMITS.carouselBubbles);
  const bubbles = shown.map(bubble);
  const json = JSON.stringify({ type: 'carousel', contents: bubbles });
  if (json.length * 3 <= LINE_LIMITS.carouselBytes || encoder.encode(json).length <= LINE_LIMITS.carouselBytes) {
    return { cards: shown, contents: { type: 'carousel', contents: bubbles } };
  }
  let bytes = jsonBytes({ type: 'carousel', contents: [] });
  let n = 0;
  for (; n < bubbles.length; n++) {
    const size = jsonBytes(bubbles[n]) + 1;
    if (bytes + size > LINE_LIMITS.carouselBytes) break;
    bytes += size;
  }
  return { cards: shown.slice(0, n), contents: { type: 'carousel', contents: bubbles.slice(0, n) } };
}

export function altTextOf(reply: Reply): string {
  const lines = reply.cards.map((c, i) => `${i + 1}. ${c.title}（${c.subtitle}）${c.verdictLabel} ${c.headline} ${c.statusLabel}`);
  return clip(['補助金ナビの結果です。', ...lines].join('\n'), LINE_LIMITS.altText);
}

/** Splits long text into messages of at most 5,000 UTF-16 units, at line breaks where possible. */
function textMessages(texts: string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const t of texts.flatMap((x) => (x.length > LINE_LIMITS.textLength ? [clip(x, LINE_LIMITS.textLength)] : [x]))) {
    const next = current ? `${current}\n\n${t}` : t;
    if (next.length <= LINE_LIMITS.textLength) current = next;
    else {
      out.push(current);
      current = t;
    }
  }
  if (current) out.push(current);
  if (out.length > max) {
    const kept = out.slice(0, max);
    kept[max - 1] = clip(`${kept[max - 1]}\n\n${out.slice(max).join('\n\n')}`, LINE_LIMITS.textLength);
    return kept;
  }
  return out;
}

export interface LineRenderOptions {
  /** The quote token of the message answered: the first text message quotes it (groups). */
  quoteToken?: string;
}

export function renderLine(reply: Reply, opts: LineRenderOptions = {}): messagingApi.Message[] {
  const messages: messagingApi.Message[] = [];
  const hasCards = reply.cards.length > 0;
  const list = choiceList(reply.choices);
  // Up to 2 text messages, then the carousel; never more than 5 messages.
  for (const t of textMessages(list ? [...reply.texts, list] : reply.texts, hasCards ? 2 : 4)) messages.push({ type: 'text', text: t });
  if (hasCards) {
    const carousel = carouselOf(reply.cards);
    messages.push({ type: 'flex', altText: altTextOf({ ...reply, cards: carousel.cards }), contents: carousel.contents });
  }
  if (messages.length === 0) messages.push({ type: 'text', text: '…' });
  const first = messages[0]!;
  if (opts.quoteToken && first.type === 'text') messages[0] = { ...first, quoteToken: opts.quoteToken };
  const qr = quickReply(reply.choices);
  const last = messages.length - 1;
  if (qr) messages[last] = { ...messages[last]!, quickReply: qr };
  return messages.slice(0, LINE_LIMITS.messages);
}
