// Follow-up notices end to end (issue 16): owners save through signed LINE postbacks and
// an advisor with /hojo watch; the cron function runs with an injected date and a
// knowledge variant carrying its own releases, against the fake LINE/Slack API: the
// right multicasts (recipients, ≤ 500 per call, retry keys) and DMs, once; a rerun sends
// nothing; quiet hours send nothing; an unsubscribe tap and a deletion stop notices.
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFollowUps } from '../../adapters/follow/cron';
import { setOutboundDefaults } from '../../adapters/outbound';
import { compileKnowledge } from '../../src/core/knowledge/compile';
import type { KnowledgeRelease } from '../../src/core/knowledge/releases';
import { knowledge } from '../../src/knowledge';
import { followIndex } from '../../src/follow/effect';
import { bindings, form, recorded, signedLine, signedSlack, waitFor } from './platform';

interface Call {
  url: string;
  headers: Record<string, string>;
  body: {
    replyToken?: string;
    to?: string[];
    channel?: string;
    text?: string;
    blocks?: { type: string; elements?: { value: string; text: { text: string } }[] }[];
    messages?: { type: string; text?: string; altText?: string; contents?: { body: { contents: { text: string }[] }; footer: { contents: { action: { data: string; label: string } }[] } } }[];
  };
}
const calls = () => recorded<Call>();
const multicasts = async () => (await calls()).filter((c) => c.url.endsWith('/v2/bot/message/multicast'));
const dms = async () => (await calls()).filter((c) => c.url.endsWith('/api/chat.postMessage'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A time in Japan. */
const jst = (local: string) => new Date(`${local}:00+09:00`);
const SINGLE = 'kanazawa-new-product:single';
const QUERY = '金沢市で製造業、従業員8人、新製品を開発したい、費用300万円';
/** Knowledge variants: the bundled programs with releases of our own. */
const withReleases = (...releases: KnowledgeRelease[]) => compileKnowledge({ ...knowledge, releases });
const V1 = withReleases({ version: 1, date: '2025-04-01', changes: [] });
const V2 = withReleases({ version: 1, date: '2025-04-01', changes: [] }, { version: 2, date: '2025-06-19', changes: [{ programId: 'kanazawa-new-product', trackId: 'single', change: 'changed', what: ['上限額'] }] });

const uid = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
let n = 0;
const lineEvent = (user: string, type: string, extra: Record<string, unknown>) => ({
  replyToken: `token-${user}-${n++}`,
  type,
  mode: 'active',
  timestamp: Date.now(),
  source: { type: 'user', userId: user },
  webhookEventId: `01FOLLOW${user}${n++}`,
  deliveryContext: { isRedelivery: false },
  ...extra,
});
/** Sends one LINE event and waits for its reply (the turn and its effects are done then). */
async function line(user: string, type: string, extra: Record<string, unknown>): Promise<Call> {
  const e = lineEvent(user, type, extra);
  expect((await signedLine(JSON.stringify({ destination: 'Ubot', events: [e] }))).status).toBe(200);
  const [reply] = await waitFor<Call>((c) => c.body?.replyToken === e.replyToken);
  expect(reply).toBeDefined();
  return reply!;
}
const say = (user: string, text: string) => line(user, 'message', { message: { id: '1', type: 'text', quoteToken: 'q', text } });
const press = (user: string, data: string) => line(user, 'postback', { postback: { data } });
const replyText = (c: Call) => c.body.messages!.map((m) => m.text ?? '').join('\n');
const entries = async () => (await followIndex(bindings).snapshot()).entries;

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
  setOutboundDefaults({ baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 });
  // One global index per test file: start each test empty (no entries, ledger or version).
  const index = followIndex(bindings);
  await index.snapshot();
  await runInDurableObject(index, (_o, state) => {
    const tables = new Set(state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").toArray().map((r) => r.name));
    for (const t of ['entries', 'sent', 'meta', 'retry', 'removed']) if (tables.has(t)) state.storage.sql.exec(`DELETE FROM ${t}`);
  });
});
afterEach(() => setOutboundDefaults({}));

describe('LINE: save, cron, once', () => {
  it('saves through postbacks; the cron multicasts the right notices with retry keys, once; a rerun sends nothing', async () => {
    const [a, b, c] = [uid(), uid(), uid()];
    for (const u of [a, b, c]) await say(u, QUERY);
    expect(replyText(await press(a, `sv:${SINGLE}`))).toContain('を保存しました');
    await press(b, `sv:${SINGLE}`);
    expect(replyText(await press(c, 'w:on'))).toContain('条件：金沢市・製造業・8人');
    const saved = await entries();
    expect(saved.map((e) => e.person).sort()).toEqual([a, b, c].map((u) => `line:${u}`).sort());
    expect(saved.find((e) => e.person === `line:${a}`)).toMatchObject({ address: { platform: 'line', userId: a }, programs: [{ programId: 'kanazawa-new-product', trackId: 'single' }] });

    // First run ever, 14 days before 2025-07-04: the reminder; the version is only recorded.
    let report = await runFollowUps(bindings, jst('2025-06-20T09:00'), { knowledge: V1 });
    expect(report).toMatchObject({ quiet: false, firstRun: true, version: 1, sent: 2, failed: 0, multicasts: 1 });
    let sent = await multicasts();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.to).toEqual([a, b].sort());
    expect(sent[0]!.headers['x-line-retry-key']).toMatch(UUID);
    const bubble = sent[0]!.body.messages![0]!;
    expect(bubble.type).toBe('flex');
    expect(bubble.contents!.body.contents[0]!.text).toContain('保存された「新製品開発・改良促進事業（単独企業コース）」の受付は、2025年7月4日に締め切られます（あと14日です）');
    expect(bubble.contents!.footer.contents.map((x) => x.action.data)).toEqual([`us:${SINGLE}`, 'cmd:saved']);

    // A knowledge update: the saved track changed (to a and b), the same change for c's watch profile (its own message).
    await fetch('http://fake.test/__reset', { method: 'POST' });
    report = await runFollowUps(bindings, jst('2025-06-21T09:00'), { knowledge: V2 });
    expect(report).toMatchObject({ firstRun: false, version: 2, sent: 3, multicasts: 2 });
    sent = await multicasts();
    const kind = (m: Call) => m.body.messages![0]!.altText!.slice(0, 12);
    const byKind = Object.fromEntries(sent.map((m) => [kind(m), m]));
    expect(Object.keys(byKind).sort()).toEqual(['【保存した制度の更新】「', '【新しい制度のお知らせ】'].sort());
    expect(byKind['【保存した制度の更新】「']!.body.to).toEqual([a, b].sort());
    const watched = byKind['【新しい制度のお知らせ】']!;
    expect(watched.body.to).toEqual([c]);
    expect(watched.body.messages![0]!.contents!.footer.contents[0]!.action).toMatchObject({ label: 'お知らせを停止', data: 'w:off' });
    expect(new Set(sent.map((m) => m.headers['x-line-retry-key'])).size).toBe(2);

    // A rerun, the same day and the next: nothing new.
    await fetch('http://fake.test/__reset', { method: 'POST' });
    expect(await runFollowUps(bindings, jst('2025-06-21T09:00'), { knowledge: V2 })).toMatchObject({ planned: 0, sent: 0, multicasts: 0 });
    expect(await runFollowUps(bindings, jst('2025-06-22T09:00'), { knowledge: V2 })).toMatchObject({ planned: 0 });
    expect(await multicasts()).toHaveLength(0);
  });

  it('batches of at most 500 ids; a retry after a lost answer gets 409 and counts as delivered', async () => {
    const index = followIndex(bindings);
    const users = Array.from({ length: 501 }, uid);
    for (const u of users) await index.put(`line:${u}`, `line:user:${u}`, { platform: 'line', userId: u }, { programs: [{ programId: 'kanazawa-new-product', trackId: 'single' }], revision: 1 }, Date.now());
    // LINE processes the first call, then its answer is lost (500): the retry carries the same key.
    await fetch('http://fake.test/__fail?count=1&accept=1&status=500&match=multicast', { method: 'POST' });
    const report = await runFollowUps(bindings, jst('2025-06-25T09:00'), { knowledge: V1 });
    expect(report).toMatchObject({ multicasts: 2, sent: 501, failed: 0 });
    const attempts = await multicasts();
    expect(attempts.map((m) => m.body.to!.length)).toEqual([500, 500, 1]);
    expect(attempts[1]!.headers['x-line-retry-key']).toBe(attempts[0]!.headers['x-line-retry-key']);
    expect(attempts[2]!.headers['x-line-retry-key']).not.toBe(attempts[0]!.headers['x-line-retry-key']);
    const delivered = ((await (await fetch('http://fake.test/__delivered')).json()) as Call[]).filter((c) => c.url.endsWith('/multicast'));
    expect(delivered.map((d) => d.body.to!.length)).toEqual([500, 1]);
    expect(new Set(attempts.flatMap((m) => m.body.to!)).size).toBe(501);
    expect(await runFollowUps(bindings, jst('2025-06-26T09:00'), { knowledge: V1 })).toMatchObject({ planned: 0 });
  });

  it('quiet hours (21:00–08:00 JST) send nothing; 08:00 does', async () => {
    const a = uid();
    await say(a, QUERY);
    await press(a, `sv:${SINGLE}`);
    for (const t of ['2025-06-20T21:00', '2025-06-21T03:00', '2025-06-21T07:59']) expect(await runFollowUps(bindings, jst(t), { knowledge: V1 })).toMatchObject({ quiet: true, sent: 0 });
    expect(await multicasts()).toHaveLength(0);
    expect((await followIndex(bindings).snapshot()).version).toBeUndefined();
    expect(await runFollowUps(bindings, jst('2025-06-21T08:00'), { knowledge: V1 })).toMatchObject({ quiet: false, sent: 1 });
  });

  it('the unsubscribe tap in a notice reaches the conversation and the index: no more notices', async () => {
    const [a, c] = [uid(), uid()];
    await say(a, QUERY);
    await press(a, `sv:${SINGLE}`);
    await say(c, QUERY);
    await press(c, 'w:on');
    await runFollowUps(bindings, jst('2025-06-20T09:00'), { knowledge: V1 });
    const [notice] = await multicasts();
    const stop = notice!.body.messages![0]!.contents!.footer.contents[0]!.action.data;
    expect(replyText(await press(a, stop))).toContain('保存を解除しました');
    expect(replyText(await press(c, 'w:off'))).toContain('お知らせを停止しました');
    expect(await entries()).toEqual([]);
    expect(replyText(await say(a, '保存した制度'))).toContain('保存した制度と、お知らせの設定はありません');
    await fetch('http://fake.test/__reset', { method: 'POST' });
    // The 3-day threshold and a knowledge update: nothing for either.
    expect(await runFollowUps(bindings, jst('2025-07-02T09:00'), { knowledge: V2 })).toMatchObject({ planned: 0 });
    expect(await multicasts()).toHaveLength(0);
  });

  it('「データを削除」 and unfollow remove the person from the index: the cron sends them nothing', async () => {
    const [a, b, keep] = [uid(), uid(), uid()];
    for (const u of [a, b, keep]) {
      await say(u, QUERY);
      await press(u, `sv:${SINGLE}`);
    }
    await say(a, 'データを削除');
    expect(replyText(await press(a, 'del:yes'))).toContain('すべて削除しました');
    const unfollow = lineEvent(b, 'unfollow', {});
    delete (unfollow as Record<string, unknown>).replyToken;
    await signedLine(JSON.stringify({ destination: 'Ubot', events: [unfollow] }));
    for (let i = 0; i < 100 && (await entries()).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await entries()).map((e) => e.person)).toEqual([`line:${keep}`]);
    await runFollowUps(bindings, jst('2025-06-20T09:00'), { knowledge: V1 });
    expect((await multicasts()).map((m) => m.body.to)).toEqual([[keep]]);
  });
});

describe('LINE: where saving is offered', () => {
  it('the 1:1 chat offers 「この制度を保存」 on cards and 「新しい制度をお知らせ」; a group does not', async () => {
    const me = uid();
    const one = await say(me, QUERY);
    const footers = (c: Call) => JSON.stringify(c.body.messages!.filter((m) => m.type === 'flex'));
    expect(footers(one)).toContain(`"data":"sv:${SINGLE}"`);
    expect(JSON.stringify(one.body)).toContain('"data":"w:on"');
    const e = { ...lineEvent(me, 'message', { message: { id: '2', type: 'text', quoteToken: 'q', text: `補助金 ${QUERY}` } }), source: { type: 'group', groupId: `C${crypto.randomUUID().replace(/-/g, '')}`, userId: me } };
    await signedLine(JSON.stringify({ destination: 'Ubot', events: [e] }));
    const [group] = await waitFor<Call>((c) => c.body?.replyToken === e.replyToken);
    expect(footers(group!)).toContain('"data":"d:kanazawa-new-product:single"');
    expect(JSON.stringify(group!.body)).not.toContain('"data":"sv:');
    expect(JSON.stringify(group!.body)).not.toContain('"data":"w:on"');
  });
});

describe('Slack: /hojo watch', () => {
  const TEAM = 'T0FOLLOW1';
  const command = (user: string, text: string, url: string) =>
    signedSlack('commands', form({ team_id: TEAM, team_domain: 'example', channel_id: 'C2147483705', channel_name: 'test', user_id: user, user_name: 'steve', command: '/hojo', text, response_url: url, trigger_id: 'x' }), 'application/x-www-form-urlencoded');
  const dmPress = (user: string, value: string, label: string) =>
    signedSlack(
      'interactions',
      form({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: TEAM, domain: 'example' },
          user: { id: user, username: 'steve', team_id: TEAM },
          api_app_id: 'A123456',
          token: 'x',
          container: { type: 'message', message_ts: '1548261231.000200', channel_id: 'D0FOLLOW01', is_ephemeral: false },
          trigger_id: 'x',
          channel: { id: 'D0FOLLOW01', name: 'directmessage' },
          message: { type: 'message', ts: '1548261231.000200', text: 'notice', blocks: [{ type: 'section', block_id: 'b', text: { type: 'mrkdwn', text: 'notice' } }] },
          response_url: `http://fake.test/actions/${user}`,
          actions: [{ action_id: 'hojo_0', block_id: 'choices_0', text: { type: 'plain_text', text: label }, value, type: 'button', action_ts: '1548426417.840180' }],
        }),
      }),
      'application/x-www-form-urlencoded',
    );

  it('saves the query for DM notices, lists it, and the DM button stops them', async () => {
    const user = `U${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
    await command(user, 'watch 金沢市 製造業 8人 新製品 300万円', `http://fake.test/commands/${user}`);
    const responses = await waitFor<Call>((c) => c.url === `http://fake.test/commands/${user}`, 2);
    expect(JSON.stringify(responses[0]!.body.blocks)).toContain('補助額の目安');
    expect(JSON.stringify(responses[1]!.body.blocks)).toContain('条件：金沢市・製造業・8人');
    expect(JSON.stringify(responses[1]!.body.blocks)).toContain('このアプリとのDM');
    expect(await entries()).toEqual([{ person: `slack:${TEAM}:${user}`, address: { platform: 'slack', team: TEAM, user }, programs: [], watch: expect.objectContaining({ municipality: '金沢市', goals: ['new-product'] }), expires: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }]);

    await command(user, 'watch', `http://fake.test/list/${user}`);
    const [list] = await waitFor<Call>((c) => c.url === `http://fake.test/list/${user}`);
    expect(JSON.stringify(list!.body.blocks)).toContain('【新しい制度のお知らせ】設定中');

    await runFollowUps(bindings, jst('2025-06-20T09:00'), { knowledge: V1 });
    await runFollowUps(bindings, jst('2025-06-21T09:00'), { knowledge: V2 });
    const [dm, ...more] = await dms();
    expect(more).toHaveLength(0);
    expect(dm!.body.channel).toBe(user);
    expect(dm!.body.text).toContain('【新しい制度のお知らせ】');
    const stop = dm!.body.blocks!.flatMap((b) => b.elements ?? []).find((e) => e.value === 'w:off')!;
    expect(stop.text.text).toBe('お知らせを停止');

    await fetch('http://fake.test/__reset', { method: 'POST' });
    await dmPress(user, stop.value, stop.text.text);
    const [answer] = await waitFor<Call>((c) => c.url.endsWith('/api/chat.postMessage') && c.body.channel === 'D0FOLLOW01');
    expect(answer!.body.text).toContain('お知らせを停止しました');
    expect(await entries()).toEqual([]);
    // A query that does not reach an answer keeps nothing.
    const other = `U${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
    await command(other, 'watch 金沢市', `http://fake.test/commands/${other}`);
    const [partial] = await waitFor<Call>((c) => c.url === `http://fake.test/commands/${other}`);
    expect(JSON.stringify(partial!.body.blocks)).toContain('お知らせの条件は保存していません');
    expect(await entries()).toEqual([]);

    const V3 = withReleases({ version: 3, date: '2025-06-30', changes: [{ programId: 'kanazawa-new-product', trackId: 'single', change: 'changed', what: ['受付期間'] }] });
    await fetch('http://fake.test/__reset', { method: 'POST' });
    expect(await runFollowUps(bindings, jst('2025-07-01T09:00'), { knowledge: V3 })).toMatchObject({ planned: 0 });
    expect(await dms()).toHaveLength(0);
  });
});

describe('the index: ordering and deletion', () => {
  const A = { programId: 'kanazawa-new-product', trackId: 'single' };
  const B = { programId: 'national-monodukuri', trackId: 'kofukakachi' };

  it('a copy not newer than the stored revision is ignored (two quick saves landing out of order)', async () => {
    const index = followIndex(bindings);
    const [p, key, addr] = ['line:Uorder', 'line:user:Uorder', { platform: 'line', userId: 'Uorder' } as const];
    const t = Date.now();
    expect(await index.put(p, key, addr, { programs: [A, B], revision: 2 }, t)).toBe('stored');
    expect(await index.put(p, key, addr, { programs: [A], revision: 1 }, t)).toBe('stale');
    expect((await entries()).map((e) => e.programs)).toEqual([[A, B]]);
    // Emptied: the row keeps the revision, so a late older copy does not bring the settings back.
    expect(await index.put(p, key, undefined, { programs: [], revision: 3 }, t)).toBe('stored');
    expect(await index.put(p, key, addr, { programs: [A, B], revision: 2 }, t)).toBe('stale');
    expect(await entries()).toEqual([]);
  });

  it('a deletion wins over a save whose copy lands after it; saving again after the deletion is kept', async () => {
    const index = followIndex(bindings);
    const [p, key, addr] = ['line:Udel', 'line:user:Udel', { platform: 'line', userId: 'Udel' } as const];
    const t = Date.now();
    await index.put(p, key, addr, { programs: [A], revision: 1 }, t);
    await index.remove(p, t + 1_000);
    // The save turn ran before the deletion; its copy arrives after it.
    expect(await index.put(p, key, addr, { programs: [A, B], revision: 2 }, t + 500)).toBe('deleted');
    expect(await entries()).toEqual([]);
    // The conversation was deleted too: a save afterwards starts again at revision 1.
    expect(await index.put(p, key, addr, { programs: [B], revision: 1 }, Date.now() + 60_000)).toBe('stored');
    expect((await entries()).map((e) => e.programs)).toEqual([[B]]);
  });
});

describe('cron: a failing notice does not hold the version back', () => {
  const TEAM = 'T0RETRY1';
  const saved = [{ programId: 'kanazawa-new-product', trackId: 'single' }];
  const save = (u: string) => followIndex(bindings).put(`slack:${TEAM}:${u}`, `slack:${TEAM}:im:${u}`, { platform: 'slack', team: TEAM, user: u }, { programs: saved, revision: 1 }, Date.now());
  const dmsTo = async (u: string) => (await dms()).filter((c) => c.body.channel === u);

  it('records the version every run; a failed notice is retried on the next days (at most 3), a permanent refusal is final, a later saver gets no old notice', async () => {
    setOutboundDefaults({ maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 });
    const [ok, flaky, stuck, gone, later] = ['UOKAY01', 'UFLAKY1', 'USTUCK1', 'UGONE01', 'ULATER1'];
    for (const u of [ok, flaky, stuck, gone]) await save(u);
    // The first run records version 1 (after the window of the saved track: no reminders).
    expect(await runFollowUps(bindings, jst('2025-07-09T09:00'), { knowledge: V1 })).toMatchObject({ firstRun: true, version: 1 });
    const fail = (q: string) => fetch(`http://fake.test/__fail?${q}`, { method: 'POST' });
    await fail(`count=1&status=500&match=${flaky}`);
    await fail(`count=100&status=500&match=${stuck}`);
    await fail(`count=100&error=user_not_found&match=${gone}`);

    // Release 2 changed the saved track: 4 notices, 3 fail; the version is recorded all the same.
    let report = await runFollowUps(bindings, jst('2025-07-10T09:00'), { knowledge: V2 });
    expect(report).toMatchObject({ version: 2, planned: 4, sent: 1, failed: 3, final: 1 });
    expect((await followIndex(bindings).snapshot()).version).toBe(2);

    // The next day: the two that may still succeed are tried again; the one who saved since gets nothing old.
    await save(later);
    report = await runFollowUps(bindings, jst('2025-07-11T09:00'), { knowledge: V2 });
    expect(report).toMatchObject({ version: 2, planned: 2, sent: 1, failed: 1, final: 0 });
    expect(await dmsTo(flaky)).toHaveLength(2);
    expect(await dmsTo(later)).toHaveLength(0);
    expect(await dmsTo(gone)).toHaveLength(1);

    // The third day the stuck one is given up; then nothing is planned.
    expect(await runFollowUps(bindings, jst('2025-07-12T09:00'), { knowledge: V2 })).toMatchObject({ planned: 1, failed: 1, final: 1 });
    expect(await runFollowUps(bindings, jst('2025-07-13T09:00'), { knowledge: V2 })).toMatchObject({ planned: 0 });
    expect(await dmsTo(stuck)).toHaveLength(3);
    expect(await dmsTo(flaky)).toHaveLength(2);
  });
});
