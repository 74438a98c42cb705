// ひたちなか市 中小企業事業活性化補助金（令和6年度 公募要領） — 004_9ecc0b3a251732fb.txt
// All 事業 are 1/2 with a cap; the document's only worked example is the
// ビジネスマッチング 同時申請 (国内出展 250,000 + HP 80,000 = 330,000 → 300,000):
// each of its parts is checked alone here (the lead tests the combined sum).
import { describe, expect, it } from 'vitest';
import { amountFor, matchFor, program, track } from '../helpers';

const P = 'hitachinaka-business-revitalization';
const COORD = 'hitachinaka-coordinator';
const where = { prefecture: '茨城県', municipality: 'ひたちなか市' };
const row = (results: { programId: string; trackId: string }[], programId: string, trackId: string) => {
  const r = results.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}:${trackId}`);
  return r as any;
};
const at = (date: string, extra: Record<string, unknown> = {}) =>
  matchFor({ ...where, industry: 'manufacturing', employees: 10, date, ...extra }).results;

describe('① 新製品等開発事業 (1/2)', () => {
  it('一般型: 上限1,000,000円', () => {
    const over = amountFor(P, 'new-product-general', { expenseYen: 3_000_000 });
    expect(over.yen).toBe(1_000_000);
    expect(over.selfPayYen).toBe(2_000_000);
    expect(amountFor(P, 'new-product-general', { expenseYen: 1_000_000 }).yen).toBe(500_000);
  });
  it('IoT・AI活用型: 上限2,000,000円', () => {
    expect(amountFor(P, 'new-product-iot-ai', { expenseYen: 5_000_000 }).yen).toBe(2_000_000);
    const under = amountFor(P, 'new-product-iot-ai', { expenseYen: 3_000_000 });
    expect(under.yen).toBe(1_500_000);
    expect(under.selfPayYen).toBe(1_500_000);
  });
  it('人件費は他の経費の合計額まで（情報サービス業）', () => {
    // 経費1,000,000円のうち人件費700,000円 → 他の経費300,000円 → 対象経費600,000円
    const limited = amountFor(P, 'new-product-general', {
      expenseYen: 1_000_000,
      industry: 'information-services',
      answers: { hitachinaka_personnel_cost_yen: 700_000 },
    });
    expect(limited.eligibleExpenseYen).toBe(600_000);
    expect(limited.yen).toBe(300_000);
    expect(limited.selfPayYen).toBe(700_000);
    // 人件費400,000円 ≤ 他の経費600,000円 → 全額対象
    const within = amountFor(P, 'new-product-general', {
      expenseYen: 1_000_000,
      industry: 'information-services',
      answers: { hitachinaka_personnel_cost_yen: 400_000 },
    });
    expect(within.eligibleExpenseYen).toBe(1_000_000);
    expect(within.yen).toBe(500_000);
    // ちょうど半分は全額対象
    expect(
      amountFor(P, 'new-product-iot-ai', { expenseYen: 1_000_000, answers: { hitachinaka_personnel_cost_yen: 500_000 } }).eligibleExpenseYen,
    ).toBe(1_000_000);
    // IoT・AI活用型: 人件費3,000,000円・他の経費1,000,000円 → 対象経費2,000,000円 → 1,000,000円
    expect(
      amountFor(P, 'new-product-iot-ai', { expenseYen: 4_000_000, industry: 'information-services', answers: { hitachinaka_personnel_cost_yen: 3_000_000 } }).yen,
    ).toBe(1_000_000);
  });
  it('過去3年間に交付を受けた事業者は対象外', () => {
    expect(row(at('2024-05-01', { answers: { hitachinaka_newproduct_past3y: 'no' } }), P, 'new-product-general').verdict).toBe('eligible');
    expect(row(at('2024-05-01', { answers: { hitachinaka_newproduct_past3y: 'yes' } }), P, 'new-product-iot-ai').verdict).toBe('ineligible');
    expect(row(at('2024-05-01'), P, 'new-product-general').verdict).toBe('check');
  });
  it('申請期限は令和6年5月31日', () => {
    expect(row(at('2024-05-31'), P, 'new-product-general').status.code).toBe('open');
    expect(row(at('2024-06-01'), P, 'new-product-iot-ai').status.code).toBe('closed');
    expect(row(at('2024-06-01'), P, 'matching-domestic').status.code).toBe('open');
  });
});

describe('② ビジネスマッチング事業 (1/2)', () => {
  it('国内出展: 上限300,000円（例示の国内出展分 250,000円）', () => {
    expect(amountFor(P, 'matching-domestic', { expenseYen: 500_000 }).yen).toBe(250_000);
    const over = amountFor(P, 'matching-domestic', { expenseYen: 800_000 });
    expect(over.yen).toBe(300_000);
    expect(over.selfPayYen).toBe(500_000);
  });
  it('国外出展: 上限500,000円', () => {
    expect(amountFor(P, 'matching-overseas', { expenseYen: 1_200_000 }).yen).toBe(500_000);
    expect(amountFor(P, 'matching-overseas', { expenseYen: 600_000 }).yen).toBe(300_000);
  });
  it('自社HP新規作成・リニューアル: 上限150,000円（例示のHP分 80,000円）', () => {
    expect(amountFor(P, 'matching-website', { expenseYen: 160_000 }).yen).toBe(80_000);
    const over = amountFor(P, 'matching-website', { expenseYen: 400_000 });
    expect(over.yen).toBe(150_000);
    expect(over.selfPayYen).toBe(250_000);
  });
  it('3類型は同じ combineGroup（同時申請で合算、高い方の上限）', () => {
    const groups = ['matching-domestic', 'matching-overseas', 'matching-website'].map((id) => track(P, id).combineGroup);
    expect(new Set(groups)).toEqual(new Set(['hitachinaka-business-matching']));
    expect(track(P, 'new-product-general').combineGroup).toBeUndefined();
  });
  it('資料の例：国内出展 250,000円＋HP 80,000円＝330,000円 → 国内出展の上限300,000円', () => {
    const rows = matchFor({
      ...where,
      industry: 'manufacturing',
      employees: 10,
      date: '2024-07-01',
      trackExpenses: { [`${P}:matching-domestic`]: 500_000, [`${P}:matching-website`]: 160_000 },
    }).results;
    const combined = row(rows, P, 'matching-domestic+matching-website');
    expect(combined.amount.beforeCapYen).toBe(330_000);
    expect(combined.amount.yen).toBe(300_000);
    expect(combined.amount.selfPayYen).toBe(360_000);
  });
});

describe('③ 技能訓練実施事業・④ 人材確保推進事業 (1/2)', () => {
  it('技能訓練: 上限100,000円', () => {
    expect(amountFor(P, 'skills-training', { expenseYen: 300_000 }).yen).toBe(100_000);
    expect(amountFor(P, 'skills-training', { expenseYen: 150_000 }).yen).toBe(75_000);
  });
  it('人材確保: 上限200,000円', () => {
    const over = amountFor(P, 'recruitment', { expenseYen: 500_000 });
    expect(over.yen).toBe(200_000);
    expect(over.selfPayYen).toBe(300_000);
    expect(amountFor(P, 'recruitment', { expenseYen: 300_000 }).yen).toBe(150_000);
  });
});

describe('共通', () => {
  it('申請期限 令和7年2月28日まで（新製品等開発以外）', () => {
    for (const id of ['matching-domestic', 'matching-overseas', 'matching-website', 'skills-training', 'recruitment']) {
      expect(row(at('2025-02-28'), P, id).status.code).toBe('open');
      expect(row(at('2025-03-01'), P, id).status.code).toBe('closed');
    }
  });
  it('対象者: ひたちなか市の中小企業者、市税・暴力団・性風俗関連特殊営業の条件', () => {
    expect(row(at('2024-07-01'), P, 'recruitment').verdict).toBe('eligible');
    expect(
      row(matchFor({ prefecture: '茨城県', municipality: '水戸市', industry: 'manufacturing', employees: 10, date: '2024-07-01' }).results, P, 'recruitment')
        .verdict,
    ).toBe('ineligible');
    expect(row(at('2024-07-01', { employees: 1000, capitalYen: 1_000_000_000 }), P, 'recruitment').verdict).toBe('ineligible');
    const conditions: string[] = program(P).target.conditions ?? [];
    expect(conditions.some((c) => c.includes('市税'))).toBe(true);
    expect(conditions.some((c) => c.includes('暴力団'))).toBe(true);
    expect(conditions.some((c) => c.includes('性風俗関連特殊営業'))).toBe(true);
    expect(conditions.some((c) => c.includes('市内に事業所'))).toBe(true);
  });
  it('経費は税抜', () => {
    expect(program(P).notes?.some((n) => n.includes('税抜'))).toBe(true);
  });
});

describe('ひたちなか市産業活性化コーディネーター', () => {
  it('相談窓口（advisory・service）、金額なし', () => {
    const p = program(COORD);
    expect(p.kind).toBe('advisory');
    const t = track(COORD, 'consultation');
    expect(t.amount).toBeUndefined();
    expect(t.benefit?.kind).toBe('service');
    expect(p.contacts[0]).toMatchObject({ name: '(株)ひたちなかテクノセンター 企業支援部', tel: '029-264-2200', fax: '029-264-2203' });
  });
  it('随時相談（令和6年度末まで）', () => {
    expect(row(at('2024-10-01'), COORD, 'consultation').status.code).toBe('rolling');
    expect(row(at('2024-10-01'), COORD, 'consultation').amount).toBeNull();
  });
});
