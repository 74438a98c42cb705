// Issue 15, the LINE renderer: payloads typed against @line/bot-sdk's messagingApi types
// (the rendered JSON of real conversations is type-checked by the TypeScript compiler, and
// a wrong payload is shown to fail), card buttons whose displayText names the program,
// long quick-reply labels numbered with the full choices listed in the text, quoteToken.
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../typecheck';
import { LINE_LIMITS, renderLine } from '../../adapters/line/render';
import { choice } from '../../src/dialogue/actions';
import type { Reply } from '../../src/dialogue/types';
import { sampleReplies } from '../sample-replies';

describe('LINE payloads against the SDK types', () => {
  it('renderLine is typed as messagingApi.Message[] (no cast needed)', () => {
    const messages: messagingApi.Message[] = renderLine(sampleReplies()[0]!);
    expect(messages.length).toBeGreaterThan(0);
    // @ts-expect-error a text message without its text is not a messagingApi.Message
    const wrong: messagingApi.Message = { type: 'text', quickReply: { items: [] } };
    expect(wrong).toBeDefined();
  });

  it('the rendered JSON of a real conversation type-checks as messagingApi.Message[]; a wrong payload does not', () => {
    const payloads = sampleReplies().map((r) => renderLine(r, { quoteToken: 'q' }));
    const source = [
      "import type { messagingApi } from '@line/bot-sdk';",
      ...payloads.map((p, i) => `export const reply${i}: messagingApi.Message[] = ${JSON.stringify(p)};`),
    ].join('\n');
    expect(typeErrors(source)).toEqual([]);
    // A box layout LINE does not know, and a bubble without a box body: both refused.
    const wrong = [
      "import type { messagingApi } from '@line/bot-sdk';",
      "export const a: messagingApi.Message[] = [{ type: 'flex', altText: 'x', contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [] } } }];",
      "export const b: messagingApi.Message[] = [{ type: 'text', text: 'x', quickReply: { items: [{ type: 'action', action: { type: 'postback', label: 'x', data: 1 } }] } }];",
    ].join('\n');
    const errors = typeErrors(wrong);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.join('\n')).toMatch(/diagonal/);
  }, 60_000);
});

const sample = () => sampleReplies();
const answer = () => sample().find((r) => r.kind === 'answer' && r.cards.length > 0)!;
type Postback = { type: 'postback'; label: string; data: string; displayText?: string };
const actionsOf = (messages: messagingApi.Message[]): Postback[] => {
  const out: Postback[] = [];
  JSON.stringify(messages, (k, v: unknown) => {
    if (k === 'action') out.push(v as Postback);
    return v;
  });
  return out;
};

describe('LINE buttons', () => {
  it('card buttons say which program in their displayText (「計算の内訳：<制度名>」), ≤ 300 characters', () => {
    const reply = answer();
    const messages = renderLine(reply);
    const flex = messages.find((m) => m.type === 'flex')!;
    const card = reply.cards[0]!;
    const buttons = actionsOf([flex]);
    expect(buttons.map((b) => b.displayText)).toContain(`詳しく：${card.title}`);
    if (card.actions.some((a) => a.label === '計算の内訳')) expect(buttons.map((b) => b.displayText)).toContain(`計算の内訳：${card.title}`);
    for (const b of buttons) expect(b.displayText!.length).toBeLessThanOrEqual(LINE_LIMITS.postbackData);
  });

  it('long quick-reply labels: numbered buttons (≤ 20 with 「…」) and the full choices listed in the text', () => {
    const long = '石川県内の事業所が直接被害を受けた（停電・断水を含む）';
    const reply: Reply = {
      kind: 'question',
      texts: ['被害の状況を教えてください。'],
      cards: [],
      choices: [choice(long, { type: 'answer', question: 'damage', value: 'direct' }), choice('分からない', { type: 'answer', question: 'damage', value: null })],
    };
    const messages = renderLine(reply);
    const last = messages.at(-1)!;
    const labels = last.quickReply!.items!.map((i) => (i.action as Postback).label);
    expect(labels[0]).toBe(`1. ${long}`.slice(0, 19) + '…');
    expect(labels[1]).toBe('2. 分からない');
    for (const l of labels) expect(l.length).toBeLessThanOrEqual(LINE_LIMITS.actionLabel);
    const text = messages.map((m) => (m.type === 'text' ? m.text : '')).join('\n');
    expect(text).toContain(`1. ${long}`);
    expect(text).toContain('2. 分からない');
    // The press still echoes the full label.
    expect((last.quickReply!.items![0]!.action as Postback).displayText).toBe(long);
  });

  it('short labels are neither numbered nor listed', () => {
    const reply: Reply = { kind: 'question', texts: ['業種は？'], cards: [], choices: [choice('製造業', { type: 'industry', industry: 'manufacturing' })] };
    const messages = renderLine(reply);
    expect((messages.at(-1)!.quickReply!.items![0]!.action as Postback).label).toBe('製造業');
    expect(messages).toHaveLength(1);
    expect((messages[0] as messagingApi.TextMessage).text).toBe('業種は？');
  });

  it('quoteToken goes on the first text message', () => {
    const messages = renderLine(answer(), { quoteToken: 'qt' });
    expect((messages[0] as messagingApi.TextMessage).quoteToken).toBe('qt');
    expect(messages.slice(1).some((m) => 'quoteToken' in m)).toBe(false);
  });
});
