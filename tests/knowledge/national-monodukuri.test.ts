// ものづくり・商業・サービス生産性向上促進補助金（全国）
//   第19次: 002_3e4e47d383c487e3.txt（石川県 商工会のページ、令和7年3月初め頃）
//   第18次: 003_1ca539d7a2e31e25.txt（中国経済産業局、令和6年3月18日）
// The documents give no worked examples: the cases are computed by hand from
// their 補助率 and 補助上限額 (under/over the cap, each rate condition, each band).
import { describe, expect, it } from 'vitest';
import { applicationStatus } from '../../src/core/status';
import { amountFor, matchFor, program, track } from '../helpers';

const P = 'national-monodukuri';
const row = (results: { programId: string; trackId: string }[], trackId: string) => {
  const r = results.find((x) => x.programId === P && x.trackId === trackId);
  if (!r) throw new Error(`no row ${P}:${trackId}`);
  return r as any;
};
const ishikawa = { prefecture: '石川県', industry: 'manufacturing' };

describe('program', () => {
  it('is national, with editions 19次 (newest) and 18次', () => {
    const p = program(P);
    expect(p.region).toBeUndefined();
    expect(p.issuer.level).toBe('national');
    expect(p.editions.map((e) => e.id).sort()).toEqual(['kobo18', 'kobo19']);
    expect(p.editions.find((e) => e.id === 'kobo19')!.asOf).toBe('2025-03-01');
    expect(p.editions.find((e) => e.id === 'kobo18')!.asOf).toBe('2024-03-18');
    expect(track(P, 'kofukakachi').name).toBe('製品・サービス高付加価値化枠');
  });
});

describe('第19次 製品・サービス高付加価値化枠（750/1,000/1,500/2,500万円）', () => {
  it('小規模企業者 2/3: 6〜20人 上限1,000万円', () => {
    const under = amountFor(P, 'kofukakachi', { expenseYen: 9_000_000, employees: 10 });
    expect(under.yen).toBe(6_000_000);
    expect(under.selfPayYen).toBe(3_000_000);
    const over = amountFor(P, 'kofukakachi', { expenseYen: 30_000_000, employees: 20 });
    expect(over.beforeCapYen).toBe(20_000_000);
    expect(over.capYen).toBe(10_000_000);
    expect(over.yen).toBe(10_000_000);
    expect(over.selfPayYen).toBe(20_000_000);
  });
  it('5人以下 750万円 / 6人 1,000万円（小売業 6人は中小企業者 1/2）', () => {
    const five = amountFor(P, 'kofukakachi', { expenseYen: 12_000_000, employees: 5, industry: 'retail' });
    expect(five.beforeCapYen).toBe(8_000_000);
    expect(five.yen).toBe(7_500_000);
    const six = amountFor(P, 'kofukakachi', { expenseYen: 30_000_000, employees: 6, industry: 'retail' });
    expect(six.beforeCapYen).toBe(15_000_000);
    expect(six.yen).toBe(10_000_000);
  });
  it('中小企業者 1/2（要確認）: 21〜50人 1,500万円、51人以上 2,500万円', () => {
    expect(amountFor(P, 'kofukakachi', { expenseYen: 20_000_000, employees: 21 }).yen).toBe(10_000_000);
    expect(amountFor(P, 'kofukakachi', { expenseYen: 40_000_000, employees: 50 }).yen).toBe(15_000_000);
    const big = amountFor(P, 'kofukakachi', { expenseYen: 60_000_000, employees: 51 });
    expect(big.beforeCapYen).toBe(30_000_000);
    expect(big.capYen).toBe(25_000_000);
    expect(big.yen).toBe(25_000_000);
  });
  it('グローバル枠 3,000万円', () => {
    expect(amountFor(P, 'global', { expenseYen: 50_000_000, employees: 100 }).yen).toBe(25_000_000);
    expect(amountFor(P, 'global', { expenseYen: 80_000_000, employees: 100 }).yen).toBe(30_000_000);
    expect(amountFor(P, 'global', { expenseYen: 30_000_000, employees: 3 }).yen).toBe(20_000_000);
  });
  it('the garbled rate 「2/3(中小企業は2/3)」 makes the amount 要確認', () => {
    const r = row(matchFor({ ...ishikawa, employees: 30, expenseYen: 20_000_000, date: '2025-03-10' }).results, 'kofukakachi');
    expect(r.verdict).toBe('eligible');
    expect(r.amount.yen).toBe(10_000_000);
    expect(r.amount.doubtful).toBe(true);
    expect(row(matchFor({ ...ishikawa, employees: 30, expenseYen: 20_000_000, date: '2025-03-10' }).results, 'global').amount.doubtful).toBe(true);
  });
  it('status: 19次 締切 2025-04-25', () => {
    expect(row(matchFor({ ...ishikawa, employees: 30, date: '2025-03-10' }).results, 'kofukakachi').status.code).toBe('open');
    expect(row(matchFor({ ...ishikawa, employees: 30, date: '2025-04-25' }).results, 'kofukakachi').status.code).toBe('open');
    expect(row(matchFor({ ...ishikawa, employees: 30, date: '2025-04-26' }).results, 'kofukakachi').status.code).toBe('closed');
  });
  it('大企業は対象外', () => {
    const r = row(matchFor({ ...ishikawa, employees: 1000, capitalYen: 1_000_000_000, date: '2025-03-10' }).results, 'kofukakachi');
    expect(r.verdict).toBe('ineligible');
  });
});

describe('第18次 省力化（オーダーメイド）枠: 補助金額1,500万円まで1/2(小規模・再生2/3)、超える部分1/3', () => {
  const E = { edition: 'kobo18' };
  it('1,500万円以下の部分だけ: 1/2', () => {
    const a = amountFor(P, 'shoryokuka', { ...E, expenseYen: 10_000_000, employees: 100 });
    expect(a.yen).toBe(5_000_000);
    expect(a.selfPayYen).toBe(5_000_000);
    expect(a.doubtful).toBe(true); // per-band caps unreadable (750万〜8,000万円)
  });
  it('中小企業者: 15,000,000 + (60,000,000 − 30,000,000) × 1/3 = 25,000,000', () => {
    expect(amountFor(P, 'shoryokuka', { ...E, expenseYen: 60_000_000, employees: 100 }).yen).toBe(25_000_000);
  });
  it('小規模企業者 / 再生事業者: 15,000,000 + (60,000,000 − 22,500,000) × 1/3 = 27,500,000', () => {
    expect(amountFor(P, 'shoryokuka', { ...E, expenseYen: 60_000_000, employees: 10 }).yen).toBe(27_500_000);
    expect(amountFor(P, 'shoryokuka', { ...E, expenseYen: 60_000_000, employees: 100, answers: { mono_saisei: 'yes' } }).yen).toBe(27_500_000);
    expect(amountFor(P, 'shoryokuka', { ...E, expenseYen: 60_000_000, employees: 100, answers: { mono_saisei: 'no' } }).yen).toBe(25_000_000);
  });
  it('上限 最大8,000万円、大幅賃上げ特例 最大1億円', () => {
    const a = amountFor(P, 'shoryokuka', { ...E, expenseYen: 300_000_000, employees: 200 });
    expect(a.beforeCapYen).toBe(105_000_000);
    expect(a.capYen).toBe(80_000_000);
    expect(a.yen).toBe(80_000_000);
    const w = amountFor(P, 'shoryokuka', { ...E, expenseYen: 300_000_000, employees: 200, answers: { mono_wage_hike: 'yes' } });
    expect(w.capYen).toBe(100_000_000);
    expect(w.yen).toBe(100_000_000);
    expect(w.doubtful).toBe(true);
  });
  it('下限額50万円', () => {
    const below = amountFor(P, 'shoryokuka', { ...E, expenseYen: 900_000, employees: 100 });
    expect(below.eligible).toBe(false);
    expect(below.yen).toBe(0);
    const at = amountFor(P, 'shoryokuka', { ...E, expenseYen: 1_000_000, employees: 100 });
    expect(at.eligible).toBe(true);
    expect(at.yen).toBe(500_000);
  });
});

describe('第18次 製品・サービス高付加価値化枠（通常類型）750万〜1,250万円', () => {
  const E = { edition: 'kobo18' };
  it('中小 1/2、小規模・再生・新型コロナ回復加速化特例 2/3', () => {
    expect(amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 10_000_000, employees: 100 }).yen).toBe(5_000_000);
    expect(amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 9_000_000, employees: 10 }).yen).toBe(6_000_000);
    expect(amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 9_000_000, employees: 100, answers: { mono_saisei: 'yes' } }).yen).toBe(6_000_000);
    expect(amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 9_000_000, employees: 100, answers: { mono_covid_special: 'yes' } }).yen).toBe(6_000_000);
  });
  it('上限 最大1,250万円（要確認）', () => {
    const a = amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 30_000_000, employees: 100 });
    expect(a.beforeCapYen).toBe(15_000_000);
    expect(a.yen).toBe(12_500_000);
    expect(a.doubtful).toBe(true);
  });
  it('大幅賃上げ特例 最大2,250万円（新型コロナ回復加速化特例を除く）', () => {
    const w = amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 60_000_000, employees: 100, answers: { mono_wage_hike: 'yes', mono_covid_special: 'no' } });
    expect(w.yen).toBe(22_500_000);
    const both = amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 60_000_000, employees: 100, answers: { mono_wage_hike: 'yes', mono_covid_special: 'yes' } });
    expect(both.yen).toBe(12_500_000);
    const unanswered = amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 60_000_000, employees: 100, answers: { mono_wage_hike: 'yes' } });
    expect(unanswered.yen).toBe(12_500_000);
    expect(unanswered.pendingQuestions).toContain('mono_covid_special');
  });
  it('下限額50万円', () => {
    expect(amountFor(P, 'kofukakachi-tsujo', { ...E, expenseYen: 999_999, employees: 100 }).eligible).toBe(false);
  });
});

describe('第18次 成長分野進出類型（DX・GX）1,000万〜2,500万円、2/3', () => {
  const E = { edition: 'kobo18' };
  it('2/3 for every size', () => {
    expect(amountFor(P, 'kofukakachi-seicho', { ...E, expenseYen: 30_000_000, employees: 100 }).yen).toBe(20_000_000);
    expect(amountFor(P, 'kofukakachi-seicho', { ...E, expenseYen: 30_000_000, employees: 3 }).yen).toBe(20_000_000);
  });
  it('上限 最大2,500万円、大幅賃上げ特例 最大3,500万円', () => {
    const a = amountFor(P, 'kofukakachi-seicho', { ...E, expenseYen: 45_000_000, employees: 100 });
    expect(a.beforeCapYen).toBe(30_000_000);
    expect(a.yen).toBe(25_000_000);
    expect(a.doubtful).toBe(true);
    expect(amountFor(P, 'kofukakachi-seicho', { ...E, expenseYen: 60_000_000, employees: 100, answers: { mono_wage_hike: 'yes' } }).yen).toBe(35_000_000);
  });
});

describe('第18次 グローバル枠 3,000万円（特例 4,000万円）', () => {
  const E = { edition: 'kobo18' };
  it('中小 1/2、小規模 2/3', () => {
    expect(amountFor(P, 'global', { ...E, expenseYen: 40_000_000, employees: 100 }).yen).toBe(20_000_000);
    expect(amountFor(P, 'global', { ...E, expenseYen: 30_000_000, employees: 3 }).yen).toBe(20_000_000);
  });
  it('上限 3,000万円（要確認なし）、大幅賃上げ特例 4,000万円', () => {
    const a = amountFor(P, 'global', { ...E, expenseYen: 80_000_000, employees: 100 });
    expect(a.yen).toBe(30_000_000);
    expect(a.doubtful).toBe(false);
    expect(amountFor(P, 'global', { ...E, expenseYen: 100_000_000, employees: 100, answers: { mono_wage_hike: 'yes' } }).yen).toBe(40_000_000);
  });
  it('下限額50万円', () => {
    expect(amountFor(P, 'global', { ...E, expenseYen: 900_000, employees: 100 }).eligible).toBe(false);
  });
});

describe('第18次 schedule (17次 省力化のみ、18次 全枠)', () => {
  const e18 = program(P).editions.find((e) => e.id === 'kobo18')!;
  it('17次 2024-02-13〜03-01, 18次 2024-03-11〜03-27 (edition, used by 省力化枠)', () => {
    expect(applicationStatus(e18.application, '2024-02-01', e18).code).toBe('upcoming');
    expect(applicationStatus(e18.application, '2024-02-20', e18).code).toBe('open');
    expect(applicationStatus(e18.application, '2024-03-05', e18).code).toBe('upcoming');
    expect(applicationStatus(e18.application, '2024-03-27', e18).code).toBe('open');
    expect(applicationStatus(e18.application, '2024-03-28', e18).code).toBe('closed');
  });
  it('other 枠 only 18次', () => {
    const app = track(P, 'kofukakachi-tsujo', 'kobo18').application!;
    expect(applicationStatus(app, '2024-02-20', e18).code).toBe('upcoming');
    expect(applicationStatus(app, '2024-03-15', e18).code).toBe('open');
    expect(track(P, 'shoryokuka', 'kobo18').application).toBeUndefined();
  });
});
