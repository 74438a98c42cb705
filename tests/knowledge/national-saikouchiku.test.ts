// 事業再構築補助金（全国） 第13回 — 002_3e4e47d383c487e3.txt（石川県 商工会のページ、令和7年3月初め頃）
// No worked examples: cases computed by hand from the table (補助率 1/2, 3/4・2/3 and
// 上限額 by employee band). The 成長分野進出枠 rows print 4 values for 5 bands: the
// bands where the two readings differ (6〜20人, 21〜50人, 51〜100人) are 要確認.
import { describe, expect, it } from 'vitest';
import { amountFor, matchFor, program, track } from '../helpers';

const P = 'national-saikouchiku';
const row = (results: { programId: string; trackId: string }[], trackId: string) => {
  const r = results.find((x) => x.programId === P && x.trackId === trackId);
  if (!r) throw new Error(`no row ${P}:${trackId}`);
  return r as any;
};
const maker = { prefecture: '石川県', industry: 'manufacturing', employees: 30 };

describe('program', () => {
  it('is national, one edition 第13回 (締切 2025-03-26)', () => {
    const p = program(P);
    expect(p.region).toBeUndefined();
    expect(p.editions.map((e) => e.id)).toEqual(['kobo13']);
    expect(p.editions[0]!.asOf).toBe('2025-03-01');
    expect(p.editions[0]!.asOfNote).toBeTruthy();
  });
  it('status: open until 2025-03-26, then closed', () => {
    expect(row(matchFor({ ...maker, date: '2025-03-10' }).results, 'growth').status.code).toBe('open');
    expect(row(matchFor({ ...maker, date: '2025-03-26' }).results, 'growth').status.code).toBe('open');
    expect(row(matchFor({ ...maker, date: '2025-03-27' }).results, 'growth').status.code).toBe('closed');
  });
  it('中小企業者が対象（大企業は対象外）', () => {
    expect(row(matchFor({ ...maker, date: '2025-03-10' }).results, 'growth').verdict).toBe('eligible');
    expect(row(matchFor({ ...maker, employees: 1000, capitalYen: 1_000_000_000, date: '2025-03-10' }).results, 'growth').verdict).toBe('ineligible');
  });
});

describe('成長分野進出枠（通常類型）1/2', () => {
  it('under the cap', () => {
    const a = amountFor(P, 'growth', { expenseYen: 10_000_000, employees: 5 });
    expect(a.yen).toBe(5_000_000);
    expect(a.selfPayYen).toBe(5_000_000);
  });
  it('5人以下 1,500万円（確定）', () => {
    const a = amountFor(P, 'growth', { expenseYen: 40_000_000, employees: 5 });
    expect(a.beforeCapYen).toBe(20_000_000);
    expect(a.yen).toBe(15_000_000);
    expect(a.selfPayYen).toBe(25_000_000);
    expect(a.doubtful).toBe(false);
  });
  it('6〜20人 1,500万円（要確認: 別の読み方では3,000万円）', () => {
    for (const employees of [6, 20]) {
      const a = amountFor(P, 'growth', { expenseYen: 40_000_000, employees });
      expect(a.yen).toBe(15_000_000);
      expect(a.doubtful).toBe(true);
    }
  });
  it('21〜50人 3,000万円（要確認）', () => {
    for (const employees of [21, 50]) {
      const a = amountFor(P, 'growth', { expenseYen: 80_000_000, employees });
      expect(a.yen).toBe(30_000_000);
      expect(a.doubtful).toBe(true);
    }
  });
  it('51〜100人 4,000万円（要確認）', () => {
    for (const employees of [51, 100]) {
      const a = amountFor(P, 'growth', { expenseYen: 100_000_000, employees });
      expect(a.yen).toBe(40_000_000);
      expect(a.doubtful).toBe(true);
    }
  });
  it('101人以上 6,000万円（確定）', () => {
    const a = amountFor(P, 'growth', { expenseYen: 200_000_000, employees: 101 });
    expect(a.yen).toBe(60_000_000);
    expect(a.doubtful).toBe(false);
  });
});

describe('成長分野進出枠（GX進出類型）1/2', () => {
  it('bands 3,000 / 3,000? / 5,000? / 7,000? / 8,000万円', () => {
    const at = (employees: number) => amountFor(P, 'gx', { expenseYen: 300_000_000, employees });
    expect(at(5).yen).toBe(30_000_000);
    expect(at(5).doubtful).toBe(false);
    expect(at(6).yen).toBe(30_000_000);
    expect(at(6).doubtful).toBe(true);
    expect(at(20).yen).toBe(30_000_000);
    expect(at(21).yen).toBe(50_000_000);
    expect(at(21).doubtful).toBe(true);
    expect(at(50).yen).toBe(50_000_000);
    expect(at(51).yen).toBe(70_000_000);
    expect(at(100).yen).toBe(70_000_000);
    expect(at(100).doubtful).toBe(true);
    expect(at(101).yen).toBe(80_000_000);
    expect(at(101).doubtful).toBe(false);
  });
  it('under the cap', () => {
    expect(amountFor(P, 'gx', { expenseYen: 20_000_000, employees: 3 }).yen).toBe(10_000_000);
  });
});

describe('コロナ回復加速化枠（最低賃金類型）3/4（借り換えなし 2/3）', () => {
  it('rate: 借り換えあり 3/4, なし 2/3, 未回答は2/3で計算して質問', () => {
    expect(amountFor(P, 'covid-min-wage', { expenseYen: 6_000_000, answers: { saikouchiku_covid_refinance: 'yes' } }).yen).toBe(4_500_000);
    expect(amountFor(P, 'covid-min-wage', { expenseYen: 6_000_000, answers: { saikouchiku_covid_refinance: 'no' } }).yen).toBe(4_000_000);
    const u = amountFor(P, 'covid-min-wage', { expenseYen: 6_000_000 });
    expect(u.yen).toBe(4_000_000);
    expect(u.selfPayYen).toBe(2_000_000);
    expect(u.pendingQuestions).toContain('saikouchiku_covid_refinance');
  });
  it('上限 5人以下 500万円 / 6〜20人 1,000万円 / 21人以上 1,500万円', () => {
    const yes = { saikouchiku_covid_refinance: 'yes' };
    const at = (employees: number) => amountFor(P, 'covid-min-wage', { expenseYen: 40_000_000, employees, answers: yes });
    expect(at(5).yen).toBe(5_000_000);
    expect(at(6).yen).toBe(10_000_000);
    expect(at(20).yen).toBe(10_000_000);
    expect(at(21).yen).toBe(15_000_000);
    expect(at(300).yen).toBe(15_000_000);
    expect(at(300).beforeCapYen).toBe(30_000_000);
  });
});

describe('上乗せ措置', () => {
  it('卒業促進上乗せ措置: 1/2、各事業類型の上限に準じる', () => {
    expect(amountFor(P, 'sotsugyo-uwanose', { expenseYen: 10_000_000, employees: 101 }).yen).toBe(5_000_000);
    expect(amountFor(P, 'sotsugyo-uwanose', { expenseYen: 200_000_000, employees: 101 }).yen).toBe(60_000_000);
    expect(amountFor(P, 'sotsugyo-uwanose', { expenseYen: 200_000_000, employees: 101, answers: { saikouchiku_base_type: 'growth' } }).yen).toBe(60_000_000);
    expect(amountFor(P, 'sotsugyo-uwanose', { expenseYen: 200_000_000, employees: 101, answers: { saikouchiku_base_type: 'gx' } }).yen).toBe(80_000_000);
    expect(amountFor(P, 'sotsugyo-uwanose', { expenseYen: 200_000_000, employees: 101, answers: { saikouchiku_base_type: 'covid' } }).yen).toBe(15_000_000);
    const gx21 = amountFor(P, 'sotsugyo-uwanose', { expenseYen: 200_000_000, employees: 21, answers: { saikouchiku_base_type: 'gx' } });
    expect(gx21.yen).toBe(50_000_000);
    expect(gx21.doubtful).toBe(true);
  });
  it('中長期大規模賃金引上促進上乗せ措置: 3,000万円 1/2', () => {
    const over = amountFor(P, 'chingin-uwanose', { expenseYen: 80_000_000 });
    expect(over.beforeCapYen).toBe(40_000_000);
    expect(over.yen).toBe(30_000_000);
    expect(over.selfPayYen).toBe(50_000_000);
    expect(amountFor(P, 'chingin-uwanose', { expenseYen: 40_000_000 }).yen).toBe(20_000_000);
  });
  it('適用要件はこのページにないため要確認', () => {
    const rs = matchFor({ ...maker, date: '2025-03-10' }).results;
    expect(row(rs, 'sotsugyo-uwanose').verdict).toBe('check');
    expect(row(rs, 'chingin-uwanose').verdict).toBe('check');
    expect(track(P, 'chingin-uwanose').doubts![0]!.affects).toBe('eligibility');
  });
});
