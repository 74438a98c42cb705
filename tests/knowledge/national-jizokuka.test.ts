// 小規模事業者持続化補助金（全国）
//   一般型（17次 公表待ち）・災害支援枠の案内: 002_3e4e47d383c487e3.txt（石川県 商工会のページ、令和7年3月初め頃）
//   第15次: 003_1ca539d7a2e31e25.txt（中国経済産業局、令和6年3月18日）
// No worked examples in the documents: cases computed by hand from 2/3 (賃金引上げ枠の
// 赤字事業者 3/4), 上限 50万円 / 200万円, インボイス特例 +50万円.
import { describe, expect, it } from 'vitest';
import { applicationStatus } from '../../src/core/status';
import { amountFor, matchFor, program, track } from '../helpers';

const P = 'national-jizokuka';
const row = (results: { programId: string; trackId: string }[], trackId: string) => {
  const r = results.find((x) => x.programId === P && x.trackId === trackId);
  if (!r) throw new Error(`no row ${P}:${trackId}`);
  return r as any;
};
const cafe = { prefecture: '石川県', industry: 'restaurants', employees: 3, date: '2025-03-10' };

describe('program', () => {
  it('is national, for 小規模事業者, with editions 一般型(17次) (newest) and 第15次', () => {
    const p = program(P);
    expect(p.region).toBeUndefined();
    expect(p.target.sizeClasses).toEqual(['small']);
    expect(p.editions.map((e) => e.id).sort()).toEqual(['ippan-17', 'kobo15']);
    expect(track(P, 'tsujo').source.file).toBe('002_3e4e47d383c487e3.txt');
    expect(track(P, 'tsujo', 'kobo15').source.file).toBe('003_1ca539d7a2e31e25.txt');
  });
});

for (const edition of ['ippan-17', 'kobo15']) {
  describe(`${edition}: 金額`, () => {
    const E = { edition };
    it('通常枠 2/3 上限50万円、インボイス特例 +50万円', () => {
      const under = amountFor(P, 'tsujo', { ...E, expenseYen: 600_000 });
      expect(under.yen).toBe(400_000);
      expect(under.selfPayYen).toBe(200_000);
      const over = amountFor(P, 'tsujo', { ...E, expenseYen: 900_000 });
      expect(over.beforeCapYen).toBe(600_000);
      expect(over.yen).toBe(500_000);
      expect(over.selfPayYen).toBe(400_000);
      expect(over.pendingQuestions).toContain('invoice_conversion');
      const inv = amountFor(P, 'tsujo', { ...E, expenseYen: 1_800_000, answers: { invoice_conversion: 'yes' } });
      expect(inv.beforeCapYen).toBe(1_200_000);
      expect(inv.capYen).toBe(1_000_000);
      expect(inv.yen).toBe(1_000_000);
      expect(amountFor(P, 'tsujo', { ...E, expenseYen: 900_000, answers: { invoice_conversion: 'yes' } }).yen).toBe(600_000);
      expect(amountFor(P, 'tsujo', { ...E, expenseYen: 1_800_000, answers: { invoice_conversion: 'no' } }).yen).toBe(500_000);
    });
    it('賃金引上げ枠 2/3（赤字事業者 3/4）上限200万円、インボイス特例 250万円', () => {
      expect(amountFor(P, 'wage-hike', { ...E, expenseYen: 1_200_000 }).yen).toBe(800_000);
      expect(amountFor(P, 'wage-hike', { ...E, expenseYen: 1_200_000, answers: { deficit: 'yes' } }).yen).toBe(900_000);
      expect(amountFor(P, 'wage-hike', { ...E, expenseYen: 1_200_000, answers: { deficit: 'no' } }).yen).toBe(800_000);
      const over = amountFor(P, 'wage-hike', { ...E, expenseYen: 3_600_000 });
      expect(over.beforeCapYen).toBe(2_400_000);
      expect(over.yen).toBe(2_000_000);
      expect(over.selfPayYen).toBe(1_600_000);
      const deficitOver = amountFor(P, 'wage-hike', { ...E, expenseYen: 3_000_000, answers: { deficit: 'yes' } });
      expect(deficitOver.beforeCapYen).toBe(2_250_000);
      expect(deficitOver.yen).toBe(2_000_000);
      const inv = amountFor(P, 'wage-hike', { ...E, expenseYen: 3_000_000, answers: { deficit: 'yes', invoice_conversion: 'yes' } });
      expect(inv.capYen).toBe(2_500_000);
      expect(inv.yen).toBe(2_250_000);
      expect(amountFor(P, 'wage-hike', { ...E, expenseYen: 6_000_000, answers: { invoice_conversion: 'yes' } }).yen).toBe(2_500_000);
    });
    for (const t of ['graduation', 'successor', 'startup']) {
      it(`${t}: 2/3 上限200万円（赤字でも2/3）、インボイス特例 250万円`, () => {
        expect(amountFor(P, t, { ...E, expenseYen: 1_500_000 }).yen).toBe(1_000_000);
        expect(amountFor(P, t, { ...E, expenseYen: 1_500_000, answers: { deficit: 'yes' } }).yen).toBe(1_000_000);
        expect(amountFor(P, t, { ...E, expenseYen: 3_600_000 }).yen).toBe(2_000_000);
        expect(amountFor(P, t, { ...E, expenseYen: 3_600_000, answers: { invoice_conversion: 'yes' } }).yen).toBe(2_400_000);
        expect(amountFor(P, t, { ...E, expenseYen: 4_500_000, answers: { invoice_conversion: 'yes' } }).yen).toBe(2_500_000);
      });
    }
  });
}

describe('一般型（17次）: 判定と受付状況', () => {
  it('通常枠: 小規模事業者は対象、17次は公表待ち（未定）', () => {
    const r = row(matchFor({ ...cafe, expenseYen: 900_000 }).results, 'tsujo');
    expect(r.verdict).toBe('eligible');
    expect(r.amount.yen).toBe(500_000);
    expect(r.status.code).toBe('tbd');
  });
  it('小規模事業者でない事業者（飲食 6人・小売 6人）は対象外、製造業 20人は対象', () => {
    expect(row(matchFor({ ...cafe, employees: 6 }).results, 'tsujo').verdict).toBe('ineligible');
    expect(row(matchFor({ ...cafe, industry: 'retail', employees: 6 }).results, 'tsujo').verdict).toBe('ineligible');
    expect(row(matchFor({ ...cafe, industry: 'manufacturing', employees: 20 }).results, 'tsujo').verdict).toBe('eligible');
    expect(row(matchFor({ ...cafe, industry: 'manufacturing', employees: 21 }).results, 'tsujo').verdict).toBe('ineligible');
  });
  it('特別枠: 要件の質問、17次の要件は要確認', () => {
    const pending = row(matchFor(cafe).results, 'wage-hike');
    expect(pending.verdict).toBe('check');
    expect(pending.questions.map((q: { id: string }) => q.id)).toContain('jizokuka_wage_hike');
    expect(row(matchFor({ ...cafe, answers: { jizokuka_wage_hike: 'yes' } }).results, 'wage-hike').verdict).toBe('check');
    expect(row(matchFor({ ...cafe, answers: { jizokuka_wage_hike: 'no' } }).results, 'wage-hike').verdict).toBe('ineligible');
    expect(row(matchFor({ ...cafe, answers: { jizokuka_graduation: 'no' } }).results, 'graduation').verdict).toBe('ineligible');
    expect(row(matchFor({ ...cafe, answers: { jizokuka_successor: 'no' } }).results, 'successor').verdict).toBe('ineligible');
    expect(row(matchFor({ ...cafe, answers: { jizokuka_startup: 'no' } }).results, 'startup').verdict).toBe('ineligible');
  });
  it('災害支援枠（令和6年能登半島地震）: 金額なし・別ページ案内・要確認', () => {
    const r = row(matchFor({ ...cafe, expenseYen: 1_000_000 }).results, 'saigai-noto');
    expect(r.amount).toBeNull();
    expect(r.benefit.kind).toBe('service');
    expect(r.benefit.text).toContain('要確認');
    expect(r.verdict).toBe('check');
    expect(r.status.code).toBe('tbd');
    expect(r.status.detail).toContain('要確認');
    expect(track(P, 'saigai-noto').amount).toBeUndefined();
  });
});

describe('第15次: 要件と受付期間', () => {
  it('申請受付 2024-02-09〜2024-03-14', () => {
    const e15 = program(P).editions.find((e) => e.id === 'kobo15')!;
    const app = e15.application;
    expect(applicationStatus(app, '2024-02-08', e15).code).toBe('upcoming');
    expect(applicationStatus(app, '2024-02-09', e15).code).toBe('open');
    expect(applicationStatus(app, '2024-03-14', e15).code).toBe('open');
    expect(applicationStatus(app, '2024-03-15', e15).code).toBe('closed');
    expect(app.kind === 'window' && app.note).toContain('2024年3月7日');
  });
  it('各枠の申請要件は質問で確認', () => {
    expect(track(P, 'wage-hike', 'kobo15').target!.requirements![0]!.question).toBe('jizokuka_wage_hike');
    expect(track(P, 'graduation', 'kobo15').target!.requirements![0]!.question).toBe('jizokuka_graduation');
    expect(track(P, 'successor', 'kobo15').target!.requirements![0]!.question).toBe('jizokuka_successor');
    expect(track(P, 'startup', 'kobo15').target!.requirements![0]!.question).toBe('jizokuka_startup');
    expect(track(P, 'tsujo', 'kobo15').target!.requirements).toBeUndefined();
    expect(track(P, 'graduation', 'kobo15').target!.sizeClasses).toEqual(['small']);
  });
});
