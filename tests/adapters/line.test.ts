// LINE adapter pieces in Node: the signature against @line/bot-sdk's own vectors
// and implementation, the renderer against every platform limit, the retry policy.
import { validateSignature } from '@line/bot-sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_LIMITS, renderLine } from '../../adapters/line/render';
import { sendWithRetry } from '../../adapters/line/reply';
import { lineSignature, verifyLineSignature } from '../../adapters/line/signature';
import { handleTurn } from '../../src/dialogue/engine';
import type { ConversationState, Reply, TurnInput } from '../../src/dialogue/types';
import { knowledge } from '../helpers';

describe('LINE signature', () => {
  // Vectors from line-bot-sdk-nodejs test/validate-signature.spec.ts.
  const body = JSON.stringify({ hello: 'world' });
  it('accepts the SDK test vector and rejects its tampered twin', async () => {
    expect(await verifyLineSignature(body, 'test_secret', 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=')).toBe(true);
    expect(await verifyLineSignature(body, 'test_secret', 't7Hn4ZDHqs6e+wdvi5TyQivzie0DmMUmuXEBqyyE/tM=')).toBe(false);
    expect(await verifyLineSignature(body, 'test_secret', undefined)).toBe(false);
    expect(await verifyLineSignature(body, 'test_secret', '%%%')).toBe(false);
  });
  it('agrees with @line/bot-sdk validateSignature on any body (Japanese, emoji included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ minLength: 1, maxLength: 40 }), async (b, secret) => {
        const sig = await lineSignature(b, secret);
        expect(validateSignature(b, secret, sig)).toBe(true);
        expect(await verifyLineSignature(b, secret, sig)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** Every reply a real conversation produces, including the long and awkward ones. */
function replies(): Reply[] {
  const out: Reply[] = [];
  let state: ConversationState | undefined;
  const send = (input: TurnInput) => {
    const r = handleTurn({ knowledge, date: '2024-05-01' }, state, input);
    state = r.state;
    out.push(r.reply);
    return r.reply;
  };
  send({ kind: 'start' });
  send({ kind: 'text', text: '富山県' });
  send({ kind: 'text', text: 'その他' });
  send({ kind: 'text', text: '製造業' });
  send({ kind: 'text', text: '20人' });
  send({ kind: 'text', text: '特に決めていない' });
  let r = send({ kind: 'text', text: '1,000万円' });
  for (let i = 0; i < 5 && r.question && r.kind !== 'answer'; i++) r = send({ kind: 'choice', value: `a:${r.question.id}:__skip` });
  send({ kind: 'text', text: '1番の内訳' });
  send({ kind: 'text', text: '2番を詳しく' });
  send({ kind: 'text', text: 'ヘルプ' });
  send({ kind: 'text', text: 'IT導入補助金の補助率は？' });
  send({ kind: 'unsupported', what: 'sticker' });
  send({ kind: 'text', text: '🎉'.repeat(2600) });
  send({ kind: 'text', text: 'データを削除' });
  // Synthetic extremes: very long texts, too many choices and cards.
  out.push({ kind: 'info', texts: ['あ'.repeat(7000), '𠮷'.repeat(3000), 'い'.repeat(4999)], cards: [], choices: Array.from({ length: 20 }, (_, i) => ({ label: `とても長い選択肢のラベル その${i}`, value: `s:x:${'v'.repeat(400)}` })) });
  const answer = out.find((x) => x.kind === 'answer')!;
  out.push({ ...answer, cards: [...answer.cards, ...answer.cards, ...answer.cards].slice(0, 20), texts: [...answer.texts, 'う'.repeat(6000)] });
  return out;
}

describe('LINE renderer respects every limit', () => {
  const all = replies();
  it('renders answers with a carousel', () => {
    expect(all.some((r) => r.kind === 'answer' && r.cards.length > 0)).toBe(true);
  });
  it.each(all.map((r, i) => [i, r.kind, r] as const))('reply %i (%s)', (_i, _kind, reply) => {
    const messages = renderLine(reply);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBeLessThanOrEqual(LINE_LIMITS.messages);
    for (const m of messages as Record<string, any>[]) {
      if (m.type === 'text') {
        expect(m.text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
        expect(m.text.length).toBeGreaterThan(0);
      }
      if (m.type === 'flex') {
        expect(m.altText.length).toBeLessThanOrEqual(LINE_LIMITS.altText);
        expect(m.contents.type).toBe('carousel');
        expect(m.contents.contents.length).toBeLessThanOrEqual(LINE_LIMITS.carouselBubbles);
      }
      if (m.quickReply) expect(m.quickReply.items.length).toBeLessThanOrEqual(LINE_LIMITS.quickReplyItems);
      // Every action anywhere in the message: label ≤ 20, postback data ≤ 300.
      const actions: Record<string, any>[] = [];
      JSON.stringify(m, (k, v) => {
        if (k === 'action') actions.push(v);
        return v;
      });
      for (const a of actions) {
        expect(a.label.length).toBeLessThanOrEqual(LINE_LIMITS.actionLabel);
        if (a.type === 'postback') expect(a.data.length).toBeLessThanOrEqual(LINE_LIMITS.postbackData);
      }
    }
    // Only the last message carries the quick reply.
    expect((messages as Record<string, unknown>[]).slice(0, -1).every((m) => !m.quickReply)).toBe(true);
  });
});

describe('LINE reply retry policy', () => {
  const policy = { attempts: 4, backoffMs: () => 1, timeoutMs: 50, tokenValidMs: 50_000 };
  it('retries 5xx and network errors, then succeeds', async () => {
    let calls = 0;
    const outcome = await sendWithRetry(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('boom'), { status: 502 });
      if (calls === 2) throw new Error('network down');
    }, Date.now(), policy);
    expect(outcome).toEqual({ ok: true, attempts: 3 });
  });
  it('does not retry 4xx (an expired reply token)', async () => {
    let calls = 0;
    const outcome = await sendWithRetry(async () => {
      calls++;
      throw Object.assign(new Error('Invalid reply token'), { status: 400 });
    }, Date.now(), policy);
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ ok: false, status: 400 });
  });
  it('stops when the reply token would expire, and times out hung calls', async () => {
    let calls = 0;
    const outcome = await sendWithRetry(() => {
      calls++;
      return new Promise(() => {});
    }, Date.now() - 49_990, { ...policy, backoffMs: () => 100 });
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
  });
});
