// The daily cron's notices, computed purely (src/follow/notices.ts): deadline
// thresholds (14 and 3 days), missed days, closed and undated windows, knowledge
// updates against saved tracks and watch profiles, the first run, the ledger, and
// the quiet hours' boundaries (JST).
import { describe, expect, it } from 'vitest';
import { compileKnowledge } from '../../src/core/knowledge/compile';
import { knowledgeVersion, type KnowledgeRelease } from '../../src/core/knowledge/releases';
import { querySlots } from '../../src/dialogue/recent';
import { isQuietHour, ledgerKey, planNotices, type FollowEntry, type PlanInput } from '../../src/follow/notices';
import { knowledge } from '../helpers';

/** A time in Japan: '2025-06-20T09:00' JST. */
const jst = (local: string) => new Date(`${local}:00+09:00`);
const SINGLE = { programId: 'kanazawa-new-product', trackId: 'single' };
const saver: FollowEntry = { person: 'line:Usaver', address: { platform: 'line', userId: 'Usaver' }, programs: [SINGLE] };
const watchSlots = querySlots(knowledge, { prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: 8, goals: ['new-product'], expenseYen: 3_000_000, answers: {} });
const watcher: FollowEntry = { person: 'slack:T1:U1', address: { platform: 'slack', team: 'T1', user: 'U1' }, programs: [], watch: watchSlots };

// By default the index has notified the bundled knowledge's version: no release is new.
const plan = (over: Partial<PlanInput>) => planNotices({ knowledge, entries: [saver], sent: new Set(), lastVersion: knowledgeVersion(knowledge.releases), now: jst('2025-06-20T09:00'), ...over });
const ids = (over: Partial<PlanInput>) => plan(over).notices.map((n) => `${n.person} ${n.id}`);

describe('deadline reminders', () => {
  it('14 days before the end of the window, with the name, track, date and a pointer to ask the bot', () => {
    const p = plan({});
    expect(p.notices.map((n) => n.id)).toEqual(['deadline:14:kanazawa-new-product:single:2025-07-04']);
    const m = p.notices[0]!.message;
    expect(m.text).toContain('【締切のお知らせ】保存された「新製品開発・改良促進事業（単独企業コース）」の受付は、2025年7月4日に締め切られます（あと14日です）。');
    expect(m.text).toContain('詳しくは「新製品開発・改良促進事業の締切は？」と送ってください。');
    expect(m.choices.map((c) => [c.label, c.value])).toEqual([
      ['この制度の保存を解除', 'us:kanazawa-new-product:single'],
      ['保存した制度', 'cmd:saved'],
    ]);
  });

  it('nothing more than 14 days before, or after the end', () => {
    expect(ids({ now: jst('2025-06-19T09:00') })).toEqual([]);
    expect(ids({ now: jst('2025-07-05T09:00') })).toEqual([]);
  });

  it('a missed day sends the threshold reached, once', () => {
    const nine = plan({ now: jst('2025-06-25T09:00') });
    expect(nine.notices.map((n) => n.id)).toEqual(['deadline:14:kanazawa-new-product:single:2025-07-04']);
    expect(nine.notices[0]!.message.text).toContain('あと9日です');
    const sent = new Set([ledgerKey(saver.person, nine.notices[0]!.id)]);
    expect(ids({ now: jst('2025-06-26T09:00'), sent })).toEqual([]);
    // Two days before, the 14-day one never sent: only the 3-day one.
    const two = plan({ now: jst('2025-07-02T09:00') });
    expect(two.notices.map((n) => n.id)).toEqual(['deadline:3:kanazawa-new-product:single:2025-07-04']);
    expect(two.notices[0]!.message.text).toContain('【締切間近】');
    const both = new Set([...sent, ledgerKey(saver.person, two.notices[0]!.id)]);
    expect(ids({ now: jst('2025-07-04T09:00'), sent: both })).toEqual([]);
    expect(plan({ now: jst('2025-07-04T09:00'), sent })!.notices[0]!.message.text).toContain('本日が締切です');
  });

  it('no reminder for a window without a firm date (fiscal-year end, worded) or already closed', () => {
    const entries: FollowEntry[] = [{ ...saver, programs: [
      { programId: 'kanazawa-overseas-market', trackId: 'expo-domestic' }, // rolling to the fiscal year's end, inferred
      { programId: 'kanazawa-digital-reskilling', trackId: 'course-basic' }, // 未定 (wording)
      { programId: 'national-monodukuri', trackId: 'kofukakachi' }, // closed after 2025-04-25 (a firm date: reminded before it, see the 14-day case)
    ] }];
    for (const day of ['2026-03-18', '2026-03-29', '2025-04-27', '2025-06-20']) expect(ids({ entries, now: jst(`${day}T09:00`) })).toEqual([]);
  });
});

describe('quiet hours (21:00–08:00 JST)', () => {
  it.each([
    ['2025-06-20T20:59', false],
    ['2025-06-20T21:00', true],
    ['2025-06-21T07:59', true],
    ['2025-06-21T08:00', false],
  ])('%s JST quiet: %s', (local, quiet) => {
    expect(isQuietHour(jst(local))).toBe(quiet);
    const p = plan({ now: jst(local) });
    expect(p.quiet).toBe(quiet);
    expect(p.notices.length).toBe(quiet ? 0 : 1);
  });
});

describe('knowledge updates', () => {
  const releases: KnowledgeRelease[] = [
    { version: 1, date: '2025-04-01', changes: [{ programId: 'kanazawa-kagayaki-brand', change: 'added' }] },
    {
      version: 2,
      date: '2025-06-19',
      changes: [
        { programId: 'kanazawa-new-product', trackId: 'single', change: 'changed', what: ['上限額', '受付期間'] },
        { programId: 'national-monodukuri', trackId: 'kofukakachi', change: 'reopened' },
        { programId: 'hitachinaka-business-revitalization', trackId: 'matching-domestic', change: 'added' },
        { programId: 'kanazawa-new-product', trackId: 'partnership', change: 'closed' },
      ],
    },
  ];
  const k = compileKnowledge({ ...knowledge, releases });
  // After the deadline window of SINGLE, so only update notices are planned.
  const at = jst('2025-07-10T09:00');

  it('the first run only records the version', () => {
    const p = plan({ knowledge: k, entries: [saver, watcher], lastVersion: undefined, now: at });
    expect(p).toMatchObject({ firstRun: true, version: 2, notices: [] });
  });

  it('changes to a saved track go to whoever saved it; matching changes to the watch profile (not closed, not 対象外, not elsewhere)', () => {
    const p = plan({ knowledge: k, entries: [saver, watcher], lastVersion: 1, now: at });
    expect(p.version).toBe(2);
    expect(p.notices.map((n) => `${n.person} ${n.id}`)).toEqual([
      'line:Usaver saved:v2:kanazawa-new-product:single:changed',
      'slack:T1:U1 watch:v2:kanazawa-new-product:single:changed',
      'slack:T1:U1 watch:v2:national-monodukuri:kofukakachi:reopened',
    ]);
    const [saved, watched, reopened] = p.notices.map((n) => n.message);
    expect(saved!.text).toContain('【保存した制度の更新】「新製品開発・改良促進事業（単独企業コース）」の内容が更新されました（変更点：上限額、受付期間）。');
    expect(saved!.text).toContain('詳しくは「新製品開発・改良促進事業について」と送ってください。');
    expect(watched!.choices[0]).toMatchObject({ label: 'お知らせを停止', value: 'w:off' });
    expect(reopened!.text).toContain('受付が再開されました');
    expect(reopened!.text).toMatch(/判定：(対象|要確認)/);
  });

  it('a rerun with the ledger plans nothing new; releases already notified are not read again', () => {
    const first = plan({ knowledge: k, entries: [saver, watcher], lastVersion: 1, now: at });
    const sent = new Set(first.notices.map((n) => ledgerKey(n.person, n.id)));
    expect(plan({ knowledge: k, entries: [saver, watcher], lastVersion: 1, now: at, sent }).notices).toEqual([]);
    expect(plan({ knowledge: k, entries: [saver, watcher], lastVersion: 2, now: at }).notices).toEqual([]);
  });
});

describe('expiry and retries', () => {
  it('settings past their expiry date get nothing from that day on', () => {
    expect(ids({ entries: [{ ...saver, expires: '2025-06-21' }] })).toEqual([`line:Usaver deadline:14:kanazawa-new-product:single:2025-07-04`]);
    expect(ids({ entries: [{ ...saver, expires: '2025-06-20' }] })).toEqual([]);
  });

  it('a notice of a release already notified is planned again only when it failed before (the retry table), while its reason holds', () => {
    const releases: KnowledgeRelease[] = [
      { version: 1, date: '2025-04-01', changes: [] },
      { version: 2, date: '2025-06-19', changes: [{ programId: 'kanazawa-new-product', trackId: 'single', change: 'changed', what: ['上限額'] }] },
    ];
    const k = compileKnowledge({ ...knowledge, releases });
    const at = jst('2025-07-10T09:00');
    const later: FollowEntry = { ...saver, person: 'line:Ulater', address: { platform: 'line', userId: 'Ulater' } };
    const retry = new Set([ledgerKey(saver.person, 'saved:v2:kanazawa-new-product:single:changed')]);
    // Version 2 recorded: the saver's failed notice again, not the person who saved later.
    expect(ids({ knowledge: k, entries: [saver, later], lastVersion: 2, now: at, retry })).toEqual(['line:Usaver saved:v2:kanazawa-new-product:single:changed']);
    expect(ids({ knowledge: k, entries: [saver, later], lastVersion: 2, now: at })).toEqual([]);
    // No longer saved: not sent.
    expect(ids({ knowledge: k, entries: [{ ...saver, programs: [] }, later], lastVersion: 2, now: at, retry })).toEqual([]);
  });
});
