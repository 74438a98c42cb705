// LINE adapter pieces in Node: the signature against @line/bot-sdk's own vectors
// and implementation, the renderer against every platform limit (the reply's retry
// policy is in outbound.test.ts).
import { validateSignature } from '@line/bot-sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_LIMITS, renderLine } from '../../adapters/line/render';
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
