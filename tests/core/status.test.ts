// Application status against injected dates, and the rules of "honest about time"
// (issue 14): statuses from wording state their date and are not open today; a window
// without a start is not open before its document's date; an `until` inferred from the
// fiscal year is said as such; the answer's header says how old the data is.
import { describe, expect, it } from 'vitest';
import { compareRows } from '../../src/core/match';
import { applicationStatus, asOfText, dataAgeText, isOpenToday, statusRank, todayJst, type ApplicationStatus, type EditionDate } from '../../src/core/status';
import type { Application, Edition } from '../../src/core/knowledge/types';
import { knowledge, matchFor, program } from '../helpers';
import { Transcript, text } from '../transcript';

// 000 高岡市: 1次募集 令和6年4月1日～6月28日, 2次募集 8月1日～9月30日.
const takaoka: Application = {
  kind: 'window',
  windows: [
    { label: '1次募集', start: '2024-04-01', end: '2024-06-28', text: '令和6年4月1日(月)～令和6年6月28日(金)' },
    { label: '2次募集', start: '2024-08-01', end: '2024-09-30', text: '令和6年8月1日(木)～令和6年9月30日(月)' },
  ],
};
const R6: EditionDate = { asOf: '2024-04-01', asOfNote: '募集期間の開始日' };
/** The 石川県の商工会 page: undated, inferred 2025年3月初め. */
const ISHIKAWA: EditionDate = { asOf: '2025-03-01', asOfNote: '内容から推定' };
/** 中国経済産業局 令和6年3月18日 (dated). */
const CHUGOKU: EditionDate = { asOf: '2024-03-18' };

const edition = (programId: string, editionId: string): Edition => {
  const e = program(programId).editions.find((x) => x.id === editionId);
  if (!e) throw new Error(`no edition ${editionId} of ${programId}`);
  return e;
};
const editionApp = (programId: string, editionId: string) => edition(programId, editionId).application;

describe('applicationStatus: dated windows', () => {
  it.each([
    ['2024-03-31', 'upcoming', '1次募集'],
    ['2024-04-01', 'open', '1次募集'],
    ['2024-06-28', 'open', '1次募集'],
    ['2024-06-29', 'upcoming', '2次募集'],
    ['2024-08-01', 'open', '2次募集'],
    ['2024-09-30', 'open', '2次募集'],
    ['2024-10-01', 'closed', '2次募集'],
    ['2026-11-21', 'closed', '締め切られました'],
  ] as const)('高岡市 windows on %s → %s', (date, code, detail) => {
    const s = applicationStatus(takaoka, date, R6);
    expect(s.code).toBe(code);
    expect(s.detail).toContain(detail);
  });

  it('dated statuses carry their document’s date and are not worded', () => {
    expect(applicationStatus(takaoka, '2024-04-01', R6)).toMatchObject({ asOf: '2024-04-01', asOfWording: false });
  });

  it('a deadline without a start is open from its document’s date until the deadline (金沢市: 令和7年7月4日まで)', () => {
    const app: Application = { kind: 'window', windows: [{ end: '2025-07-04', text: '令和7年7月4日(金)まで' }] };
    const r7: EditionDate = { asOf: '2025-04-01', asOfNote: '年度の初日' };
    expect(applicationStatus(app, '2025-04-01', r7).code).toBe('open');
    expect(applicationStatus(app, '2025-07-04', r7).code).toBe('open');
    expect(applicationStatus(app, '2025-07-05', r7).code).toBe('closed');
    expect(applicationStatus(app, '2025-07-05', r7).label).toBe('受付終了');
  });

  it('today is computed in JST', () => {
    expect(todayJst(new Date('2024-03-31T15:00:00Z'))).toBe('2024-04-01');
    expect(todayJst(new Date('2024-03-31T14:59:59Z'))).toBe('2024-03-31');
  });
});

describe('rule 1: a status from wording states its date and is not open today', () => {
  it('融資「取扱期間 当面」(2025年3月頃): 随時受付（資料時点）, dated, not open', () => {
    const s = applicationStatus({ kind: 'rolling', text: '取扱期間 当面' }, '2026-11-24', ISHIKAWA);
    expect(s).toMatchObject({ code: 'rolling', label: '随時受付（資料時点）', asOfWording: true, asOf: '2025-03-01' });
    expect(s.detail).toBe('資料（2025年3月頃）時点では随時受付（取扱期間 当面）。現在の受付状況は窓口でご確認ください');
    expect(isOpenToday(s)).toBe(false);
  });

  it('省力化 カタログ型「随時受付(電子申請のみ)」 from the knowledge base', () => {
    const e = edition('shoryokuka-catalog', '2025');
    const s = applicationStatus(e.application, '2026-11-24', e);
    expect(s.label).toBe('随時受付（資料時点）');
    expect(s.detail).toContain('資料（2025年3月頃）時点では随時受付（随時受付(電子申請のみ)）');
    expect(isOpenToday(s)).toBe(false);
  });

  it('持続化「17次公募:公表までお待ちください」 and 省力化 一般型「3月中旬を目途に受付開始します」: 未定 as of 2025年3月頃', () => {
    const jizokuka = edition('national-jizokuka', 'ippan-17');
    const s = applicationStatus({ kind: 'tbd', text: '17次公募:公表までお待ちください。' }, '2026-11-24', jizokuka);
    expect(s).toMatchObject({ code: 'tbd', label: '未定', asOfWording: true });
    expect(s.detail).toBe('資料（2025年3月頃）時点では未定（17次公募:公表までお待ちください）。現在の受付状況は窓口でご確認ください');
    const ippan = edition('shoryokuka-ippan', '2025');
    expect(applicationStatus(ippan.application, '2026-11-24', ippan).detail).toContain('資料（2025年3月頃）時点では未定（3月中旬を目途に受付開始します）');
  });

  it('a dated document is named by its day: 資料（2024年3月18日）', () => {
    expect(applicationStatus({ kind: 'tbd', text: '次回、未定' }, '2024-01-01', CHUGOKU).detail).toContain('資料（2024年3月18日）時点では未定（次回、未定）');
    expect(asOfText(CHUGOKU)).toBe('2024年3月18日');
    expect(asOfText(ISHIKAWA)).toBe('2025年3月頃');
  });

  it('only dated calls are open today; a worded 随時 ranks after them and before 受付前, 未定, 受付終了', () => {
    const s = (app: Application, date: string, e: EditionDate = R6) => applicationStatus(app, date, e);
    const open = s(takaoka, '2024-04-10');
    const datedRolling = s({ kind: 'rolling', until: '2025-03-31', text: '随時' }, '2024-10-01');
    const worded = s({ kind: 'rolling', text: '当面' }, '2024-10-01');
    const upcoming = s(takaoka, '2024-07-01');
    const tbd = s({ kind: 'tbd', text: '未定' }, '2024-10-01');
    const closed = s(takaoka, '2024-10-01');
    expect([open, datedRolling, worded, upcoming, tbd, closed].map(isOpenToday)).toEqual([true, true, false, false, false, false]);
    expect([open, datedRolling, worded, upcoming, tbd, closed].map(statusRank)).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it('compareRows: a dated open call before a worded 随時, other things equal', () => {
    const row = matchFor({ prefecture: '石川県', municipality: '白山市', industry: 'manufacturing', employees: 8, goal: 'cash-flow', date: '2026-11-24' }).results.find(
      (r) => r.programId === 'ishikawa-price-surge-loan',
    )!;
    expect(row.status.code).toBe('rolling');
    const dated: ApplicationStatus = { ...row.status, code: 'open', label: '受付中', asOfWording: false };
    const other = { ...row, programId: 'zz-dated', status: dated };
    // Without the rule both would rank 0 and the id would decide (ishikawa… < zz…).
    expect([row, other].sort(compareRows).map((r) => r.programId)).toEqual(['zz-dated', 'ishikawa-price-surge-loan']);
  });

  it('in the knowledge base: every rolling without `until` and every 未定 is worded; no dated call is', () => {
    let worded = 0;
    for (const p of knowledge.programs)
      for (const e of p.editions)
        for (const app of [e.application, ...e.tracks.flatMap((t) => (t.application ? [t.application] : []))]) {
          const s = applicationStatus(app, '2026-11-24', e);
          const fromWording = app.kind === 'tbd' || (app.kind === 'rolling' && !app.until);
          expect(s.asOfWording).toBe(fromWording);
          if (fromWording) {
            worded++;
            expect(s.detail).toContain(`資料（${asOfText(e)}）時点では`);
            expect(isOpenToday(s)).toBe(false);
          }
        }
    expect(worded).toBeGreaterThan(20);
  });
});

describe('rule 2: a window without a start is not open before its document’s date', () => {
  const e19 = edition('national-monodukuri', 'kobo19');
  it.each([
    ['2024-05-01', 'tbd', '受付開始日は資料にありません'],
    ['2025-02-28', 'tbd', '資料（2025年3月頃）より前の日付のため'],
    ['2025-03-01', 'open', '締切 2025年4月25日'],
    ['2025-04-25', 'open', '締切 2025年4月25日'],
    ['2025-04-26', 'closed', '締め切られました'],
  ] as const)('ものづくり 19次 (締切 2025-04-25, 資料 2025年3月頃) on %s → %s', (date, code, detail) => {
    const s = applicationStatus(e19.application, date, e19);
    expect(s.code).toBe(code);
    expect(s.detail).toContain(detail);
  });

  it('a window with a start keeps its dates even before the document (第15次 2024-02-09〜03-14, 資料 2024-03-18)', () => {
    const e15 = edition('national-jizokuka', 'kobo15');
    expect(applicationStatus(e15.application, '2024-02-09', e15).code).toBe('open');
    expect(applicationStatus(e15.application, '2024-02-08', e15).code).toBe('upcoming');
  });

  it('a 随時 of a fiscal year is not open before its document (金沢市 令和7年度 on 2024-05-01)', () => {
    const e = program('kanazawa-foreign-staff-japanese').editions[0]!;
    const s = applicationStatus(e.application, '2024-05-01', e);
    expect(s.code).toBe('tbd');
    expect(s.detail).toContain('資料（2025年4月頃）より前の日付のため');
  });
});

describe('rule 3: an `until` inferred from the fiscal year is said as the fiscal year', () => {
  it('金沢市 日本語研修「随時募集」(令和7年度): 令和7年度の制度です（年度末まで）, never 2026年3月31日', () => {
    const e = program('kanazawa-foreign-staff-japanese').editions[0]!;
    expect(e.application).toMatchObject({ kind: 'rolling', until: '2026-03-31', untilSource: 'fiscal-year' });
    const during = applicationStatus(e.application, '2025-05-01', e);
    expect(during).toMatchObject({ code: 'rolling', label: '随時受付', asOfWording: false });
    expect(during.detail).toBe('随時募集。令和7年度の制度です（年度末まで）');
    const after = applicationStatus(e.application, '2026-11-24', e);
    expect(after.code).toBe('closed');
    expect(after.detail).toContain('令和7年度の制度です（年度末まで）');
    expect(after.detail).not.toContain('2026年3月31日');
  });

  it('ひたちなか コーディネーター (令和6年度) and 省力化 カタログ型「R8年度まで」', () => {
    const h = program('hitachinaka-coordinator').editions[0]!;
    expect(applicationStatus(h.application, '2024-10-01', h).detail).toContain('令和6年度の制度です（年度末まで）');
    const c = edition('shoryokuka-catalog', 'r5-hosei');
    expect(applicationStatus(c.application, '2026-05-01', c).detail).toContain('令和8年度までの制度です（年度末まで）');
  });

  it('a date the document states stays firm (金沢市 先端設備: 令和9年3月31日まで)', () => {
    const e = program('kanazawa-advanced-equipment-tax').editions[0]!;
    expect(applicationStatus(e.application, '2026-11-24', e).code).toBe('rolling');
    expect(applicationStatus(e.application, '2026-11-24', e).detail).toContain('2027年3月31日まで');
    expect(applicationStatus(e.application, '2027-04-01', e).detail).toContain('2027年3月31日までの制度です');
  });

  it('in the knowledge base: an `until` without untilSource is written in the document’s own text', () => {
    const reiwa = (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      return `令和${y - 2018}年${m}月${d}日`;
    };
    for (const p of knowledge.programs)
      for (const e of p.editions)
        for (const app of [e.application, ...e.tracks.flatMap((t) => (t.application ? [t.application] : []))])
          if (app.kind === 'rolling' && app.until && app.untilSource !== 'fiscal-year') expect(app.text.replace(/\s/g, ''), `${p.id}/${e.id}`).toContain(reiwa(app.until));
  });
});

describe('rule 4: how old the data is', () => {
  it('dataAgeText: months of the editions shown', () => {
    expect(dataAgeText(['2025-03-01', '2024-03-18', '2025-04-01'])).toBe('2024年3月〜2025年4月');
    expect(dataAgeText(['2025-03-01', '2025-03-01'])).toBe('2025年3月');
  });
});

describe('transcripts at fixed dates', () => {
  it('2026-11-24, 資金繰り: the loans’「当面」 are not counted as open; the header says how old the data is', () => {
    const r = new Transcript('2026-11-24').send('石川県白山市で製造業、従業員8人、資金繰り');
    const all = text(r);
    expect(all).not.toMatch(/うち現在受付中・随時受付は[1-9]/);
    expect(all).toContain('資料は2025年3月時点のものです');
    expect(all).toContain('資料の受付期間から見て、現在受付中と分かる制度はありません');
    expect(all).toMatch(/[1-9]件は資料の時点で随時受付・未定とされていたもので、現在の受付状況は窓口でご確認ください/);
    expect(r.cards.length).toBeGreaterThan(0);
    for (const c of r.cards) {
      expect(c.statusLabel).toBe('随時受付（資料時点）');
      expect(c.fields.find((f) => f.label === '受付')!.value).toContain('資料（2025年3月頃）時点では随時受付');
    }
  });

  it('2025-05-01, 日本語研修: dated 随時 counted as open, worded ones apart, range of the editions shown', () => {
    const r = new Transcript('2025-05-01').send('金沢市で製造業、従業員8人。外国人の日本語研修');
    const all = text(r);
    const open = r.cards.filter((c) => c.statusCode === 'open' || (c.statusCode === 'rolling' && c.statusLabel === '随時受付')).length;
    expect(open).toBeGreaterThan(0);
    expect(all).toContain(`現在受付中は${open}件です`);
    expect(all).toMatch(/資料は2024年3月〜2025年4月時点のものです/);
    const kanazawa = r.cards.find((c) => c.programId === 'kanazawa-foreign-staff-japanese')!;
    expect(kanazawa.fields.find((f) => f.label === '受付')!.value).toContain('令和7年度の制度です（年度末まで）');
    expect(kanazawa.fields.find((f) => f.label === '受付')!.value).not.toContain('2026年3月31日');
  });

  it('2024-05-01, 新製品開発: ものづくり 19次 (published 2025) is not 受付中', () => {
    const r = new Transcript('2024-05-01').send('石川県白山市で製造業、従業員30人、新製品の開発、1000万円');
    const mono = r.cards.find((c) => c.programId === 'national-monodukuri')!;
    expect(mono.statusLabel).not.toBe('受付中');
    expect(mono.statusCode).toBe('tbd');
    expect(mono.fields.find((f) => f.label === '受付')!.value).toContain('受付開始日は資料にありません');
    expect(text(r)).not.toMatch(/現在受付中は[1-9]件/);
  });

  it('「締め切りはいつ？」 about a program: the status says the date of its information', () => {
    const t = new Transcript('2026-11-24');
    const r = t.send('持続化補助金の締切は？');
    expect(text(r)).toContain('資料（2025年3月頃）時点では未定（17次公募:公表までお待ちください）');
  });
});
