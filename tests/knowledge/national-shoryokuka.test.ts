// national-shoryokuka.yaml — 中小企業省力化投資補助金: カタログ型 (003 R5補正 / 002 2025) and 一般型 (002 only).
import { describe, expect, it } from 'vitest';
import { applicationStatus } from '../../src/core/status';
import { amountFor, matchFor, program, track } from '../helpers';

const CAT = 'shoryokuka-catalog';
const GEN = 'shoryokuka-ippan';
const WAGE = { shoryokuka_wage_hike: 'yes' };
const row = (res: ReturnType<typeof matchFor>, programId: string, trackId: string) => {
  const r = res.results.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}/${trackId}`);
  return r;
};

describe('省力化投資補助金（カタログ型）: program facts', () => {
  it('national, editions r5-hosei (2024-03-18) and 2025 (newest, 随時受付)', () => {
    const p = program(CAT);
    expect(p.region).toBeUndefined();
    expect(p.editions.map((e) => e.id).sort()).toEqual(['2025', 'r5-hosei']);
    expect(p.contacts.map((c) => c.tel)).toContain('0570-099-660');
    const res = matchFor({ prefecture: '石川県', industry: 'restaurants', employees: 4, expenseYen: 2_000_000, date: '2025-03-10' });
    expect(row(res, CAT, 'catalog').status.code).toBe('rolling');
  });
  it('R5補正: 常時受付, R8年度まで15回程度 → rolling until 2027-03-31, start 3月下旬 is a status doubt', () => {
    const e = program(CAT).editions.find((x) => x.id === 'r5-hosei')!;
    expect(e.asOf).toBe('2024-03-18');
    expect(e.application).toMatchObject({ kind: 'rolling', until: '2027-03-31' });
    expect(applicationStatus(e.application, '2026-05-01', e).code).toBe('rolling');
    expect(applicationStatus(e.application, '2027-04-01', e).code).toBe('closed');
    expect(e.doubts!.some((d) => d.affects === 'status')).toBe(true);
  });
});

describe('カタログ型 2025 (002): 1/2, 5名以下200万円(300万円)/6〜20名500万円(750万円)/21名以上1,000万円(1,500万円)', () => {
  it('5名: 300万円 → 150万円 (under the cap), 自己負担150万円', () => {
    const a = amountFor(CAT, 'catalog', { expenseYen: 3_000_000, employees: 5 });
    expect(a.yen).toBe(1_500_000);
    expect(a.selfPayYen).toBe(1_500_000);
  });
  it('5名: 500万円 → 200万円; 賃上げ要件で 250万円; 800万円 → 300万円', () => {
    expect(amountFor(CAT, 'catalog', { expenseYen: 5_000_000, employees: 5 }).yen).toBe(2_000_000);
    expect(amountFor(CAT, 'catalog', { expenseYen: 5_000_000, employees: 5, answers: WAGE }).yen).toBe(2_500_000);
    expect(amountFor(CAT, 'catalog', { expenseYen: 8_000_000, employees: 5, answers: WAGE }).yen).toBe(3_000_000);
    expect(amountFor(CAT, 'catalog', { expenseYen: 8_000_000, employees: 5, answers: { shoryokuka_wage_hike: 'no' } }).yen).toBe(2_000_000);
  });
  it('6名 and 20名: 2,000万円 → 500万円; 賃上げ → 750万円', () => {
    for (const employees of [6, 20]) {
      expect(amountFor(CAT, 'catalog', { expenseYen: 20_000_000, employees }).yen).toBe(5_000_000);
      expect(amountFor(CAT, 'catalog', { expenseYen: 20_000_000, employees, answers: WAGE }).yen).toBe(7_500_000);
    }
  });
  it('21名: 4,000万円 → 1,000万円; 賃上げ → 1,500万円', () => {
    expect(amountFor(CAT, 'catalog', { expenseYen: 40_000_000, employees: 21 }).yen).toBe(10_000_000);
    const a = amountFor(CAT, 'catalog', { expenseYen: 40_000_000, employees: 21, answers: WAGE });
    expect(a.yen).toBe(15_000_000);
    expect(a.selfPayYen).toBe(25_000_000);
  });
  it('unanswered 賃上げ: the base cap and the question is pending', () => {
    const a = amountFor(CAT, 'catalog', { expenseYen: 5_000_000, employees: 5 });
    expect(a.pendingQuestions).toContain('shoryokuka_wage_hike');
  });
});

describe('カタログ型 R5補正 (003): same figures', () => {
  const E = { edition: 'r5-hosei' };
  it('5名/6〜20名/21名以上 with and without 賃上げ', () => {
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 10_000_000, employees: 5 }).yen).toBe(2_000_000);
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 10_000_000, employees: 5, answers: WAGE }).yen).toBe(3_000_000);
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 30_000_000, employees: 20 }).yen).toBe(5_000_000);
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 30_000_000, employees: 20, answers: WAGE }).yen).toBe(7_500_000);
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 30_000_000, employees: 21 }).yen).toBe(10_000_000);
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 30_000_000, employees: 21, answers: WAGE }).yen).toBe(15_000_000);
    expect(amountFor(CAT, 'catalog', { ...E, expenseYen: 1_000_000, employees: 21 }).yen).toBe(500_000);
  });
});

describe('省力化投資補助金（一般型） 2025 (002)', () => {
  it('facts: national, 問合せ 0576-099-660 as printed (likely 0570), status 未定 (3月中旬を目途)', () => {
    const p = program(GEN);
    expect(p.region).toBeUndefined();
    expect(p.contacts[0]!.tel).toBe('0576-099-660');
    expect(p.contacts[0]!.note).toContain('0570-099-660');
    expect(p.editions[0]!.application).toEqual({ kind: 'tbd', text: '3月中旬を目途に受付開始します' });
    const res = matchFor({ prefecture: '石川県', industry: 'manufacturing', employees: 30, expenseYen: 20_000_000, date: '2025-03-10' });
    expect(row(res, GEN, 'ippan').status.code).toBe('tbd');
  });

  it('中小企業 (30名): 2,000万円 → 1,000万円 (1/2)', () => {
    const a = amountFor(GEN, 'ippan', { expenseYen: 20_000_000, employees: 30 });
    expect(a.yen).toBe(10_000_000);
    expect(a.selfPayYen).toBe(10_000_000);
  });
  it('1,500万円を超える部分 1/3: 30名 4,000万円 → 1,500万円 + 1,000万円 × 1/3 = 18,333,333円', () => {
    expect(amountFor(GEN, 'ippan', { expenseYen: 40_000_000, employees: 30 }).yen).toBe(18_333_333);
  });
  it('bands 5/20/50/100/101+ = 750/1,500/3,000/5,000/8,000万円', () => {
    expect(amountFor(GEN, 'ippan', { expenseYen: 100_000_000, employees: 5 }).yen).toBe(7_500_000);
    expect(amountFor(GEN, 'ippan', { expenseYen: 100_000_000, employees: 6 }).yen).toBe(15_000_000);
    expect(amountFor(GEN, 'ippan', { expenseYen: 100_000_000, employees: 20 }).yen).toBe(15_000_000);
    expect(amountFor(GEN, 'ippan', { expenseYen: 100_000_000, employees: 21 }).yen).toBe(30_000_000);
    expect(amountFor(GEN, 'ippan', { expenseYen: 100_000_000, employees: 50 }).yen).toBe(30_000_000);
    expect(amountFor(GEN, 'ippan', { expenseYen: 200_000_000, employees: 51 }).yen).toBe(50_000_000);
    expect(amountFor(GEN, 'ippan', { expenseYen: 200_000_000, employees: 100 }).yen).toBe(50_000_000);
    const big = amountFor(GEN, 'ippan', { expenseYen: 300_000_000, employees: 101 });
    expect(big.beforeCapYen).toBe(105_000_000);
    expect(big.yen).toBe(80_000_000);
    // under the cap for 101名: 1億円 → 1,500万円 + 7,000万円 × 1/3
    expect(amountFor(GEN, 'ippan', { expenseYen: 100_000_000, employees: 101 }).yen).toBe(38_333_333);
  });
  it('小規模事業者 2/3 on the first 1,500万円: 製造業10名 900万円 → 600万円; 3,000万円 → 1,750万円 → cap 1,500万円', () => {
    expect(amountFor(GEN, 'ippan', { expenseYen: 9_000_000, employees: 10 }).yen).toBe(6_000_000);
    const a = amountFor(GEN, 'ippan', { expenseYen: 30_000_000, employees: 10 });
    expect(a.beforeCapYen).toBe(17_500_000);
    expect(a.yen).toBe(15_000_000);
    // 小売業10名は中小企業者（小規模ではない）→ 1/2
    expect(amountFor(GEN, 'ippan', { expenseYen: 9_000_000, employees: 10, industry: 'retail' }).yen).toBe(4_500_000);
  });
  it('最低賃金引上げ特例: 2/3 then 1/3, same caps — 30名 2,000万円 → 13,333,333円; 3,000万円 → 1,750万円', () => {
    expect(amountFor(GEN, 'ippan-min-wage', { expenseYen: 20_000_000, employees: 30 }).yen).toBe(13_333_333);
    expect(amountFor(GEN, 'ippan-min-wage', { expenseYen: 30_000_000, employees: 30 }).yen).toBe(17_500_000);
    expect(amountFor(GEN, 'ippan-min-wage', { expenseYen: 30_000_000, employees: 5 }).yen).toBe(7_500_000);
    const res = matchFor({
      prefecture: '石川県', industry: 'manufacturing', employees: 30, expenseYen: 20_000_000, date: '2025-03-10',
      answers: { shoryokuka_min_wage_tokurei: 'no' },
    });
    expect(row(res, GEN, 'ippan-min-wage').verdict).toBe('ineligible');
  });
  it('大幅な賃上げ: caps 1,000/2,000/4,000/6,500万円/1億円', () => {
    expect(amountFor(GEN, 'ippan-big-wage', { expenseYen: 15_000_000, employees: 5 }).yen).toBe(10_000_000);
    expect(amountFor(GEN, 'ippan-big-wage', { expenseYen: 100_000_000, employees: 20 }).yen).toBe(20_000_000);
    expect(amountFor(GEN, 'ippan-big-wage', { expenseYen: 100_000_000, employees: 30 }).yen).toBe(38_333_333);
    expect(amountFor(GEN, 'ippan-big-wage', { expenseYen: 200_000_000, employees: 50 }).yen).toBe(40_000_000);
    expect(amountFor(GEN, 'ippan-big-wage', { expenseYen: 200_000_000, employees: 100 }).yen).toBe(65_000_000);
    expect(amountFor(GEN, 'ippan-big-wage', { expenseYen: 400_000_000, employees: 101 }).yen).toBe(100_000_000);
    expect(track(GEN, 'ippan-big-wage').target!.requirements![0]!.question).toBe('shoryokuka_big_wage');
  });
});
