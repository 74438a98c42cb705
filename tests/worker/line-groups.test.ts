// Issue 15, LINE groups and rooms and 1:1 chats, with the payload shapes of the Messaging
// API reference (webhook event objects: message with mention.mentionees[].isSelf and
// quoteToken, join, leave, a group member without userId) through the Worker to the
// fake LINE API; and the loading animation (POST /v2/bot/chat/loading/start) in 1:1 chats.
import { beforeEach, describe, expect, it } from 'vitest';
import { JOIN_GREETING } from '../../adapters/line/events';
import { chatRegistryKey, SHARED_NOTE } from '../../adapters/line/webhook';
import type { PersonRegistry } from '../../src/state/person';
import { conversationStub, personStub } from '../../src/state/stub';
import { bindings, recorded, signedLine, waitFor } from './platform';

interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: { replyToken?: string; chatId?: string; loadingSeconds?: number; messages?: { type: string; text?: string; quoteToken?: string }[] };
}
const calls = () => recorded<Recorded>();
const replies = (token: string) => waitFor<Recorded>((r) => r.body?.replyToken === token);

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

let n = 0;
const id = (p: string) => `${p}${Date.now().toString(16)}${(n++).toString().padStart(8, '0')}`.padEnd(33, '0');
type Source = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId?: string } | { type: 'room'; roomId: string; userId?: string };
const event = (source: Source, type: string, extra: Record<string, unknown> = {}) => ({
  replyToken: id('token'),
  type,
  mode: 'active',
  timestamp: Date.now(),
  source,
  webhookEventId: id('01GROUP'),
  deliveryContext: { isRedelivery: false },
  ...extra,
});
const BOT = 'U' + 'b0'.repeat(16);
/** A text message; `mention` marks the text from 0 to its length as a mention of the bot (isSelf) or of another member. */
const message = (source: Source, text: string, mention?: { length: number; self: boolean }) =>
  event(source, 'message', {
    message: {
      id: id('m'),
      type: 'text',
      quoteToken: id('quote'),
      text,
      ...(mention ? { mention: { mentionees: [{ index: 0, length: mention.length, type: 'user', userId: mention.self ? BOT : id('U'), isSelf: mention.self }] } } : {}),
    },
  });
async function deliver(...events: unknown[]): Promise<void> {
  expect((await signedLine(JSON.stringify({ destination: BOT, events }))).status).toBe(200);
}
/** Delivers the events and then a marker (a 1:1 ヘルプ): its reply means the events before it were handled. */
async function deliverAndSettle(...events: unknown[]): Promise<void> {
  const marker = message({ type: 'user', userId: id('U') }, 'ヘルプ');
  await deliver(...events, marker);
  expect(await replies(marker.replyToken)).toHaveLength(1);
}
const conv = (...parts: string[]) => conversationStub(bindings, 'line', ...parts);
const registry = (key: string) => personStub(bindings, key) as unknown as DurableObjectStub<PersonRegistry>;

describe('LINE groups and rooms: the bot answers only when called', () => {
  it('a group message without a mention or keyword gets no reply and leaves no state', async () => {
    const g = id('C');
    const me = id('U');
    const ev = message({ type: 'group', groupId: g, userId: me }, '明日の会議は10時からです');
    await deliverAndSettle(ev);
    expect((await calls()).filter((r) => r.body?.replyToken === ev.replyToken)).toHaveLength(0);
    expect(await conv('group', g, me).snapshot()).toBeNull();
  });

  it('a mention of another member is not a call either', async () => {
    const g = id('C');
    const me = id('U');
    const ev = message({ type: 'group', groupId: g, userId: me }, '@田中さん 高岡市の件です', { length: 5, self: false });
    await deliverAndSettle(ev);
    expect((await calls()).filter((r) => r.body?.replyToken === ev.replyToken)).toHaveLength(0);
  });

  it('a mention of the bot (isSelf) is answered without the mention text, quoting the message', async () => {
    const g = id('C');
    const me = id('U');
    const ev = message({ type: 'group', groupId: g, userId: me }, '@補助金ナビ 高岡市で製造業', { length: 6, self: true });
    await deliver(ev);
    const [reply] = await replies(ev.replyToken);
    expect(reply!.body.messages![0]!.quoteToken).toBe((ev as unknown as { message: { quoteToken: string } }).message.quoteToken);
    const snap = await conv('group', g, me).snapshot();
    expect(snap?.state.slots).toMatchObject({ prefecture: '富山県', municipality: '高岡市', industry: 'manufacturing' });
  });

  it('a message starting with the keyword stated in the greeting is answered (a room too)', async () => {
    const r = id('R');
    const me = id('U');
    const ev = message({ type: 'room', roomId: r, userId: me }, 'ほじょきん、金沢市で小売業です');
    await deliver(ev);
    expect(await replies(ev.replyToken)).toHaveLength(1);
    expect((await conv('room', r, me).snapshot())?.state.slots).toMatchObject({ prefecture: '石川県', industry: 'retail' });
  });

  it('join: a greeting that says how to call the bot', async () => {
    const g = id('C');
    const ev = event({ type: 'group', groupId: g }, 'join');
    await deliver(ev);
    const [reply] = await replies(ev.replyToken);
    const text = reply!.body.messages![0]!.text!;
    expect(text).toBe(JOIN_GREETING);
    expect(text).toContain('メンション');
    expect(text).toContain('「補助金」');
  });

  it("leave: forgets every member's conversation in that group, not another group's or the 1:1 chat", async () => {
    const g = id('C');
    const other = id('C');
    const [a, b] = [id('U'), id('U')];
    await deliverAndSettle(
      message({ type: 'group', groupId: g, userId: a }, '補助金 高岡市'),
      message({ type: 'group', groupId: g, userId: b }, '補助金 金沢市'),
      message({ type: 'group', groupId: other, userId: a }, '補助金 富山市'),
      message({ type: 'user', userId: a }, '射水市'),
    );
    expect(await conv('group', g, a).snapshot()).not.toBeNull();
    expect(await conv('group', g, b).snapshot()).not.toBeNull();
    expect((await registry(chatRegistryKey('group', g)).keys()).sort()).toEqual([`line:group:${g}:${a}`, `line:group:${g}:${b}`].sort());
    const leave = event({ type: 'group', groupId: g }, 'leave');
    delete (leave as Record<string, unknown>).replyToken;
    await deliverAndSettle(leave);
    expect(await conv('group', g, a).snapshot()).toBeNull();
    expect(await conv('group', g, b).snapshot()).toBeNull();
    expect(await registry(chatRegistryKey('group', g)).keys()).toEqual([]);
    expect(await conv('group', other, a).snapshot()).not.toBeNull();
    expect(await conv('user', a).snapshot()).not.toBeNull();
    // The person's own registry no longer lists the forgotten group conversation.
    expect(await registry(`line:${a}`).keys()).not.toContain(`line:group:${g}:${a}`);
  });

  it('a member without userId (LINE for PC) shares one conversation per group, and the reply says so', async () => {
    const g = id('C');
    const first = message({ type: 'group', groupId: g }, '@補助金ナビ 高岡市', { length: 6, self: true });
    await deliver(first);
    const [r1] = await replies(first.replyToken);
    expect(r1!.body.messages!.map((m) => m.text ?? '').join('\n')).toContain(SHARED_NOTE);
    const second = message({ type: 'group', groupId: g }, '補助金 製造業');
    await deliver(second);
    await replies(second.replyToken);
    expect((await conv('group', g, 'shared').snapshot())?.state.slots).toMatchObject({ municipality: '高岡市', industry: 'manufacturing' });
    // A member with a user id keeps their own conversation.
    const me = id('U');
    const mine = message({ type: 'group', groupId: g, userId: me }, '補助金 金沢市');
    await deliver(mine);
    const [r3] = await replies(mine.replyToken);
    expect(r3!.body.messages!.map((m) => m.text ?? '').join('\n')).not.toContain(SHARED_NOTE);
    expect((await conv('group', g, me).snapshot())?.state.slots.municipality).toBe('金沢市');
  });
});

describe('LINE 1:1: the loading animation', () => {
  it('POST /v2/bot/chat/loading/start with the chatId while the turn runs; not in groups, not for a redelivery', async () => {
    const me = id('U');
    const ev = message({ type: 'user', userId: me }, '高岡市');
    await deliver(ev);
    await replies(ev.replyToken);
    const [loading] = await waitFor<Recorded>((r) => r.url.endsWith('/v2/bot/chat/loading/start'));
    expect(loading!.url).toBe('http://fake.test/v2/bot/chat/loading/start');
    expect(loading!.headers.authorization).toBe('Bearer test-access-token');
    expect(loading!.body).toEqual({ chatId: me, loadingSeconds: 5 });

    await fetch('http://fake.test/__reset', { method: 'POST' });
    const g = id('C');
    await deliverAndSettle(message({ type: 'group', groupId: g, userId: me }, '補助金 製造業'), { ...ev, deliveryContext: { isRedelivery: true } });
    expect((await calls()).filter((r) => r.url.endsWith('/loading/start') && r.body?.chatId === me)).toHaveLength(0);
  });

  it('a failing or hanging loading call never blocks the reply', async () => {
    const me = id('U');
    await fetch(`http://fake.test/__fail?count=1&mode=hang&ms=5000&match=${me}`, { method: 'POST' });
    const ev = message({ type: 'user', userId: me }, '高岡市');
    const t0 = Date.now();
    await deliver(ev);
    expect(await replies(ev.replyToken)).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});


describe('LINE 1:1: 「データを削除」 asks first', () => {
  type Button = { type: string; label: string; data?: string; displayText?: string };
  it('「本当に削除しますか？」 with 削除する / やめる; やめる keeps the data, only 削除する deletes', async () => {
    const me = id('U');
    const profile = message({ type: 'user', userId: me }, '高岡市で製造業、従業員8人');
    await deliver(profile);
    await replies(profile.replyToken);
    const ask = message({ type: 'user', userId: me }, 'データを削除');
    await deliver(ask);
    const [r1] = await replies(ask.replyToken);
    const messages = r1!.body.messages as { text?: string; quickReply?: { items: { action: Button }[] } }[];
    expect(messages.map((m) => m.text).join()).toContain('本当に削除しますか？');
    const buttons = messages.at(-1)!.quickReply!.items.map((i) => i.action);
    expect(buttons.map((b) => b.label)).toEqual(['削除する', 'やめる']);
    expect(await conv('user', me).snapshot()).not.toBeNull();

    const press = (label: string) => event({ type: 'user', userId: me }, 'postback', { postback: { data: buttons.find((b) => b.label === label)!.data } });
    const cancel = press('やめる');
    await deliver(cancel);
    const [r2] = await replies(cancel.replyToken);
    expect(JSON.stringify(r2!.body)).toContain('削除を取りやめました');
    expect((await conv('user', me).snapshot())?.state.slots.employees).toBe(8);

    const confirm = press('削除する');
    await deliver(confirm);
    const [r3] = await replies(confirm.replyToken);
    expect(JSON.stringify(r3!.body)).toContain('削除しました');
    expect(await conv('user', me).snapshot()).toBeNull();
  });
});
