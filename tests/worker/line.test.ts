// LINE webhook end to end: real payload shapes from the Messaging API reference,
// signed with HMAC-SHA256, through the Worker and the Conversation Durable Object
// to a fake LINE API that records the replies.
import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { lineSignature } from '../../adapters/line/signature';
import type { Env } from '../../src/env';
import { conversationStub } from '../../src/state/stub';

const worker = (exports as unknown as { default: Fetcher }).default;
const SECRET = (env as unknown as Env).LINE_CHANNEL_SECRET!;

interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: { replyToken: string; messages: { type: string; text?: string; altText?: string; contents?: { contents: unknown[] }; quickReply?: { items: unknown[] } }[] };
}

async function post(body: string, signature?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-line-signature'] = signature;
  return worker.fetch('http://hojo-navi.test/webhook/line', { method: 'POST', headers, body });
}
const signed = async (payload: unknown) => {
  const body = JSON.stringify(payload);
  return post(body, await lineSignature(body, SECRET));
};
const recorded = async (): Promise<Recorded[]> => (await (await fetch('http://fake.test/__recorded')).json()) as Recorded[];
async function repliesFor(token: string, count = 1): Promise<Recorded[]> {
  for (let i = 0; i < 100; i++) {
    const r = (await recorded()).filter((x) => x.body?.replyToken === token);
    if (r.length >= count) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  return (await recorded()).filter((x) => x.body?.replyToken === token);
}

let n = 0;
const userId = () => `U4af4980629${(n++).toString().padStart(21, '0')}`;
const base = (uid: string, type: string, extra: Record<string, unknown> = {}) => ({
  replyToken: `token-${uid}-${n++}`,
  type,
  mode: 'active',
  timestamp: 1462629479859,
  source: { type: 'user', userId: uid },
  webhookEventId: `01FZ74A0TDDPYRVKNK77XKC3ZR${n++}`,
  deliveryContext: { isRedelivery: false },
  ...extra,
});
const textEvent = (uid: string, text: string) =>
  base(uid, 'message', { message: { id: '444573844083572737', type: 'text', quoteToken: 'q3Plxr4AgKd', text } });

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

describe('POST /webhook/line: signature and shape', () => {
  it('has no benchmark echo route (only the bench worker mounts it)', async () => {
    const body = JSON.stringify({ destination: 'Uxxxxxxxxxx', events: [] });
    const res = await worker.fetch('http://hojo-navi.test/bench/echo', { method: 'POST', headers: { 'x-line-signature': await lineSignature(body, SECRET) }, body });
    expect(res.status).toBe(404);
  });

  it('answers the verification call (events: []) with 200', async () => {
    expect((await signed({ destination: 'Uxxxxxxxxxx', events: [] })).status).toBe(200);
  });

  it('rejects a missing or wrong signature with 401 and processes nothing', async () => {
    const uid = userId();
    const body = JSON.stringify({ destination: 'U1', events: [textEvent(uid, '高岡市')] });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, 't7Hn4ZDHqs6e+wdvi5TyQivzie0DmMUmuXEBqyyE/tM=')).status).toBe(401);
    expect((await post(body, 'not base64 at all!!')).status).toBe(401);
    // Signed over a different body (tampered).
    expect((await post(body.replace('高岡市', '金沢市'), await lineSignature(body, SECRET))).status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(await recorded()).toHaveLength(0);
    expect(await conversationStub(env as unknown as Env, 'line', 'user', uid).snapshot()).toBeNull();
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const body = '{"events": [';
    expect((await post(body, await lineSignature(body, SECRET))).status).toBe(400);
  });
});

describe('LINE events end to end', () => {
  it('follow → greeting and the first question, with quick replies', async () => {
    const uid = userId();
    const ev = base(uid, 'follow', { follow: { isUnblocked: false } });
    expect((await signed({ destination: 'U1', events: [ev] })).status).toBe(200);
    const [reply] = await repliesFor(ev.replyToken);
    expect(reply!.url).toBe('http://fake.test/v2/bot/message/reply');
    expect(reply!.headers.authorization).toBe('Bearer test-access-token');
    const last = reply!.body.messages.at(-1)!;
    expect(reply!.body.messages[0]!.text).toContain('補助金ナビ');
    expect(last.quickReply!.items.length).toBeGreaterThan(0);
  });

  it('a text message with every slot → a Flex carousel of program cards with amounts', async () => {
    const uid = userId();
    const ev = textEvent(uid, '高岡市で製造業、従業員20人、展示会に出たい、費用100万円');
    await signed({ destination: 'U1', events: [ev] });
    const [first] = await repliesFor(ev.replyToken);
    // Follow-up questions first (answered with postbacks), then the carousel.
    let messages = first!.body.messages;
    for (let i = 0; i < 4 && !messages.some((m) => m.type === 'flex'); i++) {
      const items = messages.at(-1)!.quickReply!.items as { action: { data: string } }[];
      const skip = items.find((x) => x.action.data.endsWith(':__skip'))!;
      const pb = base(uid, 'postback', { postback: { data: skip.action.data } });
      await signed({ destination: 'U1', events: [pb] });
      messages = (await repliesFor(pb.replyToken))[0]!.body.messages;
    }
    const flex = messages.find((m) => m.type === 'flex')!;
    expect(flex.altText).toContain('補助金ナビの結果');
    expect(JSON.stringify(flex.contents)).toContain('補助額の目安');
    expect(flex.contents!.contents.length).toBeGreaterThan(0);
  });

  it('a sticker keeps the current question; a location fills the region', async () => {
    const uid = userId();
    const sticker = base(uid, 'message', {
      message: { type: 'sticker', id: '1501597916', quoteToken: 'q', stickerId: '52002738', packageId: '11537', stickerResourceType: 'ANIMATION', keywords: ['cony', 'sally'] },
    });
    await signed({ destination: 'U1', events: [sticker] });
    const [r1] = await repliesFor(sticker.replyToken);
    expect(r1!.body.messages.map((m) => m.text).join()).toContain('スタンプ');
    const location = base(uid, 'message', {
      message: { id: '325708', type: 'location', title: 'my location', address: '日本、〒920-8577 石川県金沢市広坂1丁目1番1号', latitude: 36.561, longitude: 136.656 },
    });
    await signed({ destination: 'U1', events: [location] });
    await repliesFor(location.replyToken);
    const snap = await conversationStub(env as unknown as Env, 'line', 'user', uid).snapshot();
    expect(snap?.state.slots).toMatchObject({ prefecture: '石川県', municipality: '金沢市' });
  });

  it('a redelivered event (same webhookEventId) is processed once', async () => {
    const uid = userId();
    const ev = textEvent(uid, '高岡市');
    await signed({ destination: 'U1', events: [ev] });
    await repliesFor(ev.replyToken);
    const redelivery = { ...ev, deliveryContext: { isRedelivery: true } };
    await signed({ destination: 'U1', events: [redelivery, redelivery] });
    await new Promise((r) => setTimeout(r, 200));
    expect((await recorded()).filter((x) => x.body?.replyToken === ev.replyToken)).toHaveLength(1);
  });

  it('keeps per-user order for several events in one delivery', async () => {
    const uid = userId();
    const events = [textEvent(uid, '高岡市'), textEvent(uid, '製造業'), textEvent(uid, '8人')];
    await signed({ destination: 'U1', events });
    await repliesFor(events[2]!.replyToken);
    const snap = await conversationStub(env as unknown as Env, 'line', 'user', uid).snapshot();
    expect(snap?.state.slots).toMatchObject({ prefecture: '富山県', industry: 'manufacturing', employees: 8 });
  });

  it('unfollow forgets the user', async () => {
    const uid = userId();
    const ev = textEvent(uid, '高岡市で製造業');
    await signed({ destination: 'U1', events: [ev] });
    await repliesFor(ev.replyToken);
    const unfollow = base(uid, 'unfollow');
    delete (unfollow as Record<string, unknown>).replyToken;
    await signed({ destination: 'U1', events: [unfollow] });
    const stub = conversationStub(env as unknown as Env, 'line', 'user', uid);
    for (let i = 0; i < 50 && (await stub.snapshot()) !== null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await stub.snapshot()).toBeNull();
  });

  it('retries a 5xx from the LINE API and does not retry a 4xx', async () => {
    const uid = userId();
    const ev = textEvent(uid, '高岡市');
    await fetch(`http://fake.test/__fail?count=1&status=500&match=${ev.replyToken}`, { method: 'POST' });
    await signed({ destination: 'U1', events: [ev] });
    expect(await repliesFor(ev.replyToken, 2)).toHaveLength(2);

    const ev2 = textEvent(uid, '製造業');
    await fetch(`http://fake.test/__fail?count=1&status=400&match=${ev2.replyToken}`, { method: 'POST' });
    await signed({ destination: 'U1', events: [ev2] });
    await repliesFor(ev2.replyToken);
    await new Promise((r) => setTimeout(r, 700));
    expect((await recorded()).filter((x) => x.body?.replyToken === ev2.replyToken)).toHaveLength(1);
  });

  it('ignores unknown event types safely', async () => {
    const uid = userId();
    const res = await signed({ destination: 'U1', events: [base(uid, 'beacon', { beacon: { hwid: 'd41d8cd98f', type: 'enter' } }), base(uid, 'somethingNew')] });
    expect(res.status).toBe(200);
  });
});
