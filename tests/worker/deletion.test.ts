// Deletion is per person (issue 13): 「データを削除」 and LINE unfollow delete every
// conversation of that person on that platform, a tombstone keeps a redelivery from
// recreating what was deleted, and the alarms that clean up are idempotent.
import { env, exports } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/dialogue/actions';
import type { Env } from '../../src/env';
import { EXPIRY_MS, TOMBSTONE_MS, type Conversation } from '../../src/state/conversation';
import type { PersonRegistry } from '../../src/state/person';
import { conversationStub, personStub } from '../../src/state/stub';
import { recorded as recordedCalls, signedLine, signedSlack, waitFor as waitForCalls } from './platform';

const worker = (exports as unknown as { default: Fetcher }).default;
const bindings = env as unknown as Env;

interface Recorded {
  url: string;
  body: { replyToken?: string; channel?: string; thread_ts?: string; text?: string; messages?: { text?: string }[] };
}
const recorded = () => recordedCalls<Recorded>();
const waitFor = (pred: (r: Recorded) => boolean, count = 1) => waitForCalls<Recorded>(pred, count);
const conv = (platform: string, ...parts: string[]) => conversationStub(bindings, platform, ...parts) as unknown as DurableObjectStub<Conversation>;
const registry = (person: string) => personStub(bindings, person) as unknown as DurableObjectStub<PersonRegistry>;
const tables = (s: DurableObjectStub<Conversation>) =>
  runInDurableObject(s, (_o, state) => state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'").toArray().map((r) => r.name).sort());
const eventIds = (s: DurableObjectStub<Conversation>) => runInDurableObject(s, (_o, state) => state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM events').one().n);

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

// ---- LINE ----------------------------------------------------------------------------

let n = 0;
let clock = Date.now();
const uid = () => `U5e0c1dd3${(n++).toString().padStart(23, '0')}`;
type Source = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId: string } | { type: 'room'; roomId: string; userId: string };
const lineEvent = (source: Source, type: string, extra: Record<string, unknown> = {}) => ({
  replyToken: `token-del-${n++}`,
  type,
  mode: 'active',
  timestamp: clock++,
  source,
  webhookEventId: `01HDELETION${(n++).toString().padStart(15, '0')}`,
  deliveryContext: { isRedelivery: false },
  ...extra,
});
// In a group or room the bot answers only messages addressed to it (issue 15): these start with its keyword.
const text = (source: Source, t: string) => lineEvent(source, 'message', { message: { id: String(n++), type: 'text', quoteToken: 'q', text: source.type === 'user' ? t : `補助金 ${t}` } });
async function deliver(...events: unknown[]): Promise<void> {
  const body = JSON.stringify({ destination: 'U1', events });
  const res = await signedLine(body);
  expect(res.status).toBe(200);
}
const replies = (token: string) => waitFor((r) => r.body?.replyToken === token);
/** Delivers the events, then a marker event of another user in the same body: its reply means all were handled. */
async function deliverAndSettle(...events: unknown[]): Promise<void> {
  const marker = text({ type: 'user', userId: uid() }, 'ヘルプ');
  await deliver(...events, marker);
  expect(await replies(marker.replyToken)).toHaveLength(1);
}
const one = (userId: string): Source => ({ type: 'user', userId });
/** 「削除する」 pressed under 「本当に削除しますか？」 (the text 「データを削除」 only asks: tests/worker/line-groups.test.ts). */
const confirmDelete = (source: Source) => lineEvent(source, 'postback', { postback: { data: encodeAction({ type: 'delete', confirmed: true }) } });
const group = (groupId: string, userId: string): Source => ({ type: 'group', groupId, userId });
const room = (roomId: string, userId: string): Source => ({ type: 'room', roomId, userId });

describe('LINE: deletion covers every conversation of the person', () => {
  it('「データを削除」 in the 1:1 chat deletes the group and room conversations too, not another member’s', async () => {
    const me = uid();
    const other = uid();
    const g = `C${uid()}`;
    const r = `R${uid()}`;
    await deliverAndSettle(text(one(me), '高岡市で製造業'), text(group(g, me), '金沢市で小売業'), text(room(r, me), '石川県'), text(group(g, other), '高岡市'));
    expect(await conv('line', 'group', g, me).snapshot()).not.toBeNull();
    expect((await registry(`line:${me}`).keys()).sort()).toEqual([`line:group:${g}:${me}`, `line:room:${r}:${me}`, `line:user:${me}`].sort());

    const del = confirmDelete(one(me));
    await deliver(del);
    const [reply] = await replies(del.replyToken);
    expect(JSON.stringify(reply!.body)).toContain('削除しました');
    expect(await conv('line', 'user', me).snapshot()).toBeNull();
    expect(await conv('line', 'group', g, me).snapshot()).toBeNull();
    expect(await conv('line', 'room', r, me).snapshot()).toBeNull();
    // Another member's conversation in the same group stays.
    expect((await conv('line', 'group', g, other).snapshot())?.state.slots.prefecture).toBe('富山県');
    // The registry is gone with them.
    expect(await registry(`line:${me}`).keys()).toEqual([]);
  });

  it('「データを削除」 in a group deletes the 1:1 conversation too', async () => {
    const me = uid();
    const g = `C${uid()}`;
    await deliverAndSettle(text(one(me), '高岡市で製造業'), text(group(g, me), '金沢市'));
    const del = confirmDelete(group(g, me));
    await deliver(del);
    await replies(del.replyToken);
    expect(await conv('line', 'user', me).snapshot()).toBeNull();
    expect(await conv('line', 'group', g, me).snapshot()).toBeNull();
  });

  it('unfollow deletes the 1:1, group and room conversations', async () => {
    const me = uid();
    const g = `C${uid()}`;
    const r = `R${uid()}`;
    await deliverAndSettle(text(one(me), '高岡市で製造業'), text(group(g, me), '金沢市で小売業'), text(room(r, me), '石川県'));
    const unfollow = lineEvent(one(me), 'unfollow');
    delete (unfollow as Record<string, unknown>).replyToken;
    await deliverAndSettle(unfollow);
    expect(await conv('line', 'user', me).snapshot()).toBeNull();
    expect(await conv('line', 'group', g, me).snapshot()).toBeNull();
    expect(await conv('line', 'room', r, me).snapshot()).toBeNull();
    expect(await registry(`line:${me}`).keys()).toEqual([]);
  });

  it('a conversation from before the registry existed (no owner row) registers on its next turn', async () => {
    const me = uid();
    const g = `C${uid()}`;
    // State written directly, as an older version left it: nothing registered.
    await conv('line', 'group', g, me).turn({ kind: 'text', text: '高岡市で製造業' }, { date: '2025-05-01' });
    expect(await registry(`line:${me}`).keys()).toEqual([]);
    await deliverAndSettle(text(group(g, me), '8人'));
    expect(await registry(`line:${me}`).keys()).toEqual([`line:group:${g}:${me}`]);
  });
});

describe('LINE: the tombstone keeps a redelivery from recreating what was deleted', () => {
  it('a redelivered event (same webhookEventId, isRedelivery) after the deletion recreates nothing and sends nothing', async () => {
    const me = uid();
    const g = `C${uid()}`;
    const inGroup = text(group(g, me), '金沢市で製造業、従業員8人');
    const inChat = text(one(me), '高岡市で小売業');
    await deliverAndSettle(inGroup, inChat);
    const del = confirmDelete(one(me));
    await deliver(del);
    await replies(del.replyToken);
    const replyCalls = async () => (await recorded()).filter((x) => x.url.endsWith('/v2/bot/message/reply'));
    const before = (await replyCalls()).length;

    const again = (e: typeof inGroup) => ({ ...e, deliveryContext: { isRedelivery: true } });
    await deliverAndSettle(again(inGroup), again(inChat), again(del));
    expect(await conv('line', 'group', g, me).snapshot()).toBeNull();
    expect(await conv('line', 'user', me).snapshot()).toBeNull();
    expect(await registry(`line:${me}`).keys()).toEqual([]);
    // Only the marker's reply was sent.
    expect((await replyCalls()).length).toBe(before + 1);
    for (const e of [inGroup, inChat, del]) expect((await recorded()).filter((x) => x.body?.replyToken === e.replyToken)).toHaveLength(1);
  });

  it('in one chat: a redelivered profile message after 「データを削除」 does not bring the profile back', async () => {
    const me = uid();
    const profile = text(one(me), '高岡市で製造業、従業員8人');
    await deliver(profile);
    await replies(profile.replyToken);
    const del = confirmDelete(one(me));
    await deliver(del);
    await replies(del.replyToken);
    await deliverAndSettle({ ...profile, deliveryContext: { isRedelivery: true } });
    expect(await conv('line', 'user', me).snapshot()).toBeNull();
    expect((await recorded()).filter((x) => x.body?.replyToken === profile.replyToken)).toHaveLength(1);
  });

  it('an event sent before the deletion but first delivered after it (new id, older timestamp) is dropped; a newer one starts afresh', async () => {
    const me = uid();
    const g = `C${uid()}`;
    await deliverAndSettle(text(group(g, me), '金沢市'));
    const late = text(group(g, me), '製造業、従業員8人'); // dated now, delivered after the deletion
    const del = confirmDelete(one(me));
    await deliver(del);
    await replies(del.replyToken);
    await deliverAndSettle({ ...late, deliveryContext: { isRedelivery: true } });
    expect(await conv('line', 'group', g, me).snapshot()).toBeNull();
    expect((await recorded()).filter((x) => x.body?.replyToken === late.replyToken)).toHaveLength(0);

    // The user comes back: a message sent after the deletion is a new conversation, registered again.
    const fresh = text(group(g, me), '高岡市');
    await deliver(fresh);
    expect(await replies(fresh.replyToken)).toHaveLength(1);
    expect((await conv('line', 'group', g, me).snapshot())?.state.slots.prefecture).toBe('富山県');
    expect(await registry(`line:${me}`).keys()).toEqual([`line:group:${g}:${me}`]);
  });
});

// ---- Slack ---------------------------------------------------------------------------

async function slack(path: string, body: string, contentType: string) {
  expect((await signedSlack(path, body, contentType)).status).toBe(200);
}
const TEAM = 'T0DELETE1';
let slackTs = Math.floor(Date.now() / 1000);
const nextTs = () => `${slackTs++}.000100`;
const slackEvent = (event: Record<string, unknown>) => slack('events', JSON.stringify({ type: 'event_callback', team_id: TEAM, api_app_id: 'A1', event_id: `Ev${uid()}`, event_time: slackTs, event }), 'application/json');
const mention = (user: string, channel: string, t: string, ts: string, thread_ts?: string) =>
  slackEvent({ type: 'app_mention', user, text: `<@U0BOT> ${t}`, ts, channel, event_ts: ts, ...(thread_ts ? { thread_ts } : {}) });
const dm = (user: string, t: string) => slackEvent({ type: 'message', channel: `D${user}`, user, text: t, ts: nextTs(), channel_type: 'im' });
const command = (user: string, channel: string, t: string) =>
  slack('commands', new URLSearchParams({ team_id: TEAM, channel_id: channel, user_id: user, command: '/hojo', text: t, response_url: `http://fake.test/commands/${user}/${channel}` }).toString(), 'application/x-www-form-urlencoded');

describe('Slack: 「データを削除」 in a DM deletes that user’s conversations', () => {
  it('removes the DM, the slash-command conversations and the threads the user started; not others’ threads', async () => {
    const me = `U${uid().slice(-8)}`;
    const other = `U${uid().slice(-8)}`;
    const mine = nextTs();
    const theirs = nextTs();
    await command(me, 'C0CMD0001', '金沢市 製造業 8人');
    await waitFor((r) => r.url.endsWith(`/commands/${me}/C0CMD0001`));
    await mention(me, 'C0THREAD1', '高岡市で製造業', mine);
    await waitFor((r) => r.body?.thread_ts === mine);
    await mention(other, 'C0THREAD1', '金沢市で小売業', theirs);
    await waitFor((r) => r.body?.thread_ts === theirs);
    // I answer in their thread: it stays registered to them.
    await mention(me, 'C0THREAD1', '従業員5人', nextTs(), theirs);
    await waitFor((r) => r.body?.thread_ts === theirs, 2);
    await dm(me, '石川県');
    await waitFor((r) => r.body?.channel === `D${me}`);
    expect((await registry(`slack:${TEAM}:${me}`).keys()).sort()).toEqual(
      [`slack:${TEAM}:C0CMD0001:${me}:command`, `slack:${TEAM}:C0THREAD1:${mine}`, `slack:${TEAM}:im:${me}`].sort(),
    );

    await dm(me, 'データを削除');
    // It asks first; 「削除する」 (a button in the DM) deletes.
    await waitFor((r) => r.body?.channel === `D${me}` && JSON.stringify(r.body).includes('本当に削除しますか'));
    expect(await conv('slack', TEAM, 'im', me).snapshot()).not.toBeNull();
    const press = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'example' },
      user: { id: me, username: 'me', team_id: TEAM },
      api_app_id: 'A1',
      container: { type: 'message', message_ts: nextTs(), channel_id: `D${me}`, is_ephemeral: false },
      trigger_id: '1.2.3',
      channel: { id: `D${me}`, name: 'directmessage' },
      response_url: `http://fake.test/actions/delete/${me}`,
      actions: [{ action_id: 'hojo_0', block_id: 'choices_0', text: { type: 'plain_text', text: '削除する' }, value: encodeAction({ type: 'delete', confirmed: true }), type: 'button', action_ts: nextTs() }],
    };
    await slack('interactions', new URLSearchParams({ payload: JSON.stringify(press) }).toString(), 'application/x-www-form-urlencoded');
    const [deleted] = await waitFor((r) => JSON.stringify(r.body).includes('削除しました'));
    expect(deleted).toBeDefined();
    expect(await conv('slack', TEAM, 'im', me).snapshot()).toBeNull();
    expect(await conv('slack', TEAM, 'C0CMD0001', me, 'command').snapshot()).toBeNull();
    expect(await conv('slack', TEAM, 'C0THREAD1', mine).snapshot()).toBeNull();
    expect(await conv('slack', TEAM, 'C0THREAD1', theirs).snapshot()).not.toBeNull();
    expect(await registry(`slack:${TEAM}:${me}`).keys()).toEqual([]);
    expect(await registry(`slack:${TEAM}:${other}`).keys()).toEqual([`slack:${TEAM}:C0THREAD1:${theirs}`]);
  });
});

// ---- Web: per id ---------------------------------------------------------------------

describe('web chat: deletion is per id', () => {
  it('「データを削除」 deletes that id’s conversation only', async () => {
    const post = (userId: string, t: string) => worker.fetch('http://hojo-navi.test/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text: t }) });
    await post('del-a', '高岡市で製造業');
    await post('del-b', '金沢市で製造業');
    await post('del-a', 'データを削除');
    expect(await conv('api', 'del-a').snapshot()).not.toBeNull();
    await worker.fetch('http://hojo-navi.test/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'del-a', choice: encodeAction({ type: 'delete', confirmed: true }) }) });
    expect(await conv('api', 'del-a').snapshot()).toBeNull();
    expect(await conv('api', 'del-b').snapshot()).not.toBeNull();
  });
});

// ---- Alarms --------------------------------------------------------------------------

describe('alarms are idempotent', () => {
  it('the tombstone stays until its time, then the alarm removes everything; a repeated alarm does nothing', async () => {
    const s = conv('api', 'tomb-alarm');
    await s.turn({ kind: 'text', text: '高岡市で製造業' }, { date: '2025-05-01', eventId: 'tomb-e1' });
    await s.turn({ kind: 'action', action: { type: 'delete', confirmed: true } }, { date: '2025-05-01', eventId: 'tomb-e2' });
    expect(await s.snapshot()).toBeNull();
    expect(await eventIds(s)).toBe(2);
    // An early alarm (at-least-once, or delivered early) keeps the tombstone.
    await runInDurableObject(s, (_o, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(s);
    await runDurableObjectAlarm(s);
    expect(await eventIds(s)).toBe(2);
    expect(await s.turn({ kind: 'text', text: '高岡市' }, { date: '2025-05-01', eventId: 'tomb-e1' })).toEqual({ duplicate: true });
    const due = await runInDurableObject(s, (_o, state) => state.storage.getAlarm());
    expect(due).toBeGreaterThan(Date.now() + TOMBSTONE_MS - 60_000);

    // The window has passed: everything goes, the alarm too.
    await runInDurableObject(s, (_o, state) => {
      state.storage.sql.exec('UPDATE tombstone SET until = ?', Date.now() - 1);
      return state.storage.setAlarm(Date.now());
    });
    expect(await runDurableObjectAlarm(s)).toBe(true);
    expect(await tables(s)).toEqual([]);
    expect(await runInDurableObject(s, (_o, state) => state.storage.getAlarm())).toBeNull();
    // A repeated delivery of the same alarm finds nothing and creates nothing.
    await runInDurableObject(s, (o) => (o as unknown as { alarm(): Promise<void> }).alarm());
    expect(await tables(s)).toEqual([]);
    expect(await runInDurableObject(s, (_o, state) => state.storage.getAlarm())).toBeNull();
  });

  it('a conversation started again after a deletion: the tombstone goes at its time, the state stays until its own expiry', async () => {
    const s = conv('api', 'tomb-again');
    await s.turn({ kind: 'action', action: { type: 'delete', confirmed: true } }, { date: '2025-05-01' });
    await s.turn({ kind: 'text', text: '高岡市' }, { date: '2025-05-01' });
    await runInDurableObject(s, (_o, state) => {
      state.storage.sql.exec('UPDATE tombstone SET until = ?', Date.now() - 1);
      return state.storage.setAlarm(Date.now());
    });
    await runDurableObjectAlarm(s);
    expect((await s.snapshot())?.state.slots.prefecture).toBe('富山県');
    expect(await runInDurableObject(s, (_o, state) => state.storage.sql.exec('SELECT 1 FROM tombstone').toArray().length)).toBe(0);
    expect(await runInDurableObject(s, (_o, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now() + EXPIRY_MS - 60_000);
  });

  it('expiry unregisters the conversation from its person; the registry then removes itself; repeats are harmless', async () => {
    const me = uid();
    await deliverAndSettle(text(one(me), '高岡市で製造業'), text(group(`C${me}`, me), '金沢市'));
    expect(await registry(`line:${me}`).keys()).toHaveLength(2);
    const expire = async (s: DurableObjectStub<Conversation>) => {
      await runInDurableObject(s, (_o, state) => {
        state.storage.sql.exec('UPDATE state SET updated_at = ?', Date.now() - EXPIRY_MS - 86_400_000);
        return state.storage.setAlarm(Date.now());
      });
      await runDurableObjectAlarm(s);
    };
    await expire(conv('line', 'user', me));
    expect(await registry(`line:${me}`).keys()).toEqual([`line:group:C${me}:${me}`]);
    await expire(conv('line', 'group', `C${me}`, me));
    expect(await registry(`line:${me}`).keys()).toEqual([]);
    await runInDurableObject(registry(`line:${me}`), (_o, state) => {
      expect(state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'conversations'").toArray()).toHaveLength(0);
    });
    // The same unregister again (an alarm delivered twice) changes nothing.
    await registry(`line:${me}`).unregister(`line:user:${me}`);
    expect(await registry(`line:${me}`).keys()).toEqual([]);
  });

  it('the registry’s sweep drops keys whose conversation is gone and keeps live ones (twice: same result)', async () => {
    const me = uid();
    await deliverAndSettle(text(one(me), '高岡市で製造業'));
    const r = registry(`line:${me}`);
    await r.register(`line:group:Cgone:${me}`); // a conversation that no longer exists
    for (let i = 0; i < 2; i++) {
      await runInDurableObject(r, (_o, state) => state.storage.setAlarm(Date.now()));
      await runDurableObjectAlarm(r);
      expect(await r.keys()).toEqual([`line:user:${me}`]);
    }
    expect(await runInDurableObject(r, (_o, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
  });
});
