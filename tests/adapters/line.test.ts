// LINE adapter pieces in Node: the signature against @line/bot-sdk's own vectors
// and implementation, the renderer against every platform limit, the retry policy.
import { validateSignature } from '@line/bot-sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_LIMITS, renderLine } from '../../adapters/line/render';
import { sendWithRetry } from '../../adapters/line/reply';
import { lineSignature, verifyLineSignature } from '../../adapters/line/signature';
import { sampleReplies } from '../sample-replies';

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

describe('LINE renderer respects every limit', () => {
  const all = sampleReplies();
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
        expect(m.contents.contents.length).toBeGreaterThan(0);
        expect(new TextEncoder().encode(JSON.stringify(m.contents)).length).toBeLessThanOrEqual(LINE_LIMITS.carouselBytes);
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
