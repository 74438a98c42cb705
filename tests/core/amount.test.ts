// Every amount rule type, with the source documents' own figures. The rules are
// written inline (as the documents state them) so that these tests check the
// engine alone; tests/knowledge/ checks the encoded programs.
import { describe, expect, it } from 'vitest';
import { subsidyAmount, type AmountInput } from '../../src/core/amount';
import { combine } from '../../src/core/combine';
import type { AmountRule } from '../../src/core/knowledge/types';

const input = (expenseYen: number, more: Partial<AmountInput> = {}): AmountInput => ({
  expenseYen,
  sizeClass: 'sme',
  employees: 10,
  answers: {},
  ...more,
});

describe('rate × expense, capped (000 高岡市 ① 副業・兼業人材: 1/2以内, 上限30万円)', () => {
  const rule: AmountRule = { rate: '1/2', cap: 300_000 };
  it('applies the cap and shows the working', () => {
    const a = subsidyAmount(rule, input(800_000));
    expect(a).toMatchObject({ eligible: true, yen: 300_000, selfPayYen: 500_000, beforeCapYen: 400_000, capYen: 300_000, capApplied: true });
    expect(a.explanation).toEqual([
      '予定経費（税抜）：800,000円',
      '補助率：1/2',
      '補助率適用後：800,000円 × 1/2 ＝ 400,000円',
      '上限額：300,000円 → 上限を適用',
      '補助額：300,000円',
      '自己負担額：800,000円 − 300,000円 ＝ 500,000円',
    ]);
  });
  it('stays under the cap', () => {
    expect(subsidyAmount(rule, input(400_000))).toMatchObject({ yen: 200_000, selfPayYen: 200_000, capApplied: false });
  });
});

describe('yen truncation', () => {
  it('truncates fractions of a yen', () => {
    expect(subsidyAmount({ rate: '2/3' }, input(100)).yen).toBe(66);
    expect(subsidyAmount({ rate: '1/3' }, input(1_000_001)).yen).toBe(333_333);
    expect(subsidyAmount({ rate: '3/4' }, input(999_999)).yen).toBe(749_999);
  });
});

describe('caps per employee band and per condition (002/003 省力化投資補助金 カタログ型)', () => {
  // 従業員5名以下 200万円(300万円) / 6~20名 500万円(750万円) / 21名以上 1,000万円(1,500万円), 1/2以下
  const bands = (a: number, b: number, c: number) => ({ byEmployees: [{ maxEmployees: 5, yen: a }, { maxEmployees: 20, yen: b }, { yen: c }] });
  const rule: AmountRule = {
    rate: '1/2',
    cap: { default: bands(2_000_000, 5_000_000, 10_000_000), when: [{ if: { wage_target: 'yes' }, cap: bands(3_000_000, 7_500_000, 15_000_000), label: '賃上げ要件達成' }] },
  };
  it.each([
    [5, 2_000_000],
    [6, 5_000_000],
    [20, 5_000_000],
    [21, 10_000_000],
  ])('%i employees → cap %i', (employees, cap) => {
    const a = subsidyAmount(rule, input(40_000_000, { employees, answers: { wage_target: 'no' } }));
    expect(a.capYen).toBe(cap);
    expect(a.yen).toBe(cap);
  });
  it('raises the cap when the wage target is met, and asks while unanswered', () => {
    expect(subsidyAmount(rule, input(40_000_000, { employees: 20, answers: { wage_target: 'yes' } })).yen).toBe(7_500_000);
    const unanswered = subsidyAmount(rule, input(40_000_000, { employees: 20 }));
    expect(unanswered.yen).toBe(5_000_000);
    expect(unanswered.pendingQuestions).toContain('wage_target');
    expect(unanswered.notes.join()).toContain('7,500,000円');
  });
  it('a band marked doubtful makes the amount 要確認', () => {
    const doubtful: AmountRule = { rate: '1/2', cap: { byEmployees: [{ maxEmployees: 5, yen: 15_000_000, doubt: '表の列ずれ' }, { yen: 60_000_000 }] } };
    expect(subsidyAmount(doubtful, input(100_000_000, { employees: 3 })).doubtful).toBe(true);
    expect(subsidyAmount(doubtful, input(100_000_000, { employees: 300 })).doubtful).toBe(false);
  });
});

describe('tiered rates on the subsidy amount', () => {
  // 003 IT導入補助金 インボイス枠: 補助額のうち50万円以下は3/4（小規模4/5）、50万円超は2/3、上限350万円.
  const it_invoice: AmountRule = {
    tiers: [
      { upToSubsidyYen: 500_000, rate: { default: '3/4', when: [{ if: { sizeClass: 'small' }, rate: '4/5', label: '小規模事業者' }] } },
      { rate: '2/3' },
    ],
    cap: 3_500_000,
  };
  it('IT導入 インボイス枠: small business, 100万円 → 75万円', () => {
    // 50万円 of subsidy uses 62.5万円 of expense at 4/5; the other 37.5万円 × 2/3 = 25万円.
    const a = subsidyAmount(it_invoice, input(1_000_000, { sizeClass: 'small' }));
    expect(a.yen).toBe(750_000);
    expect(a.selfPayYen).toBe(250_000);
  });
  it('IT導入 インボイス枠: SME, 100万円 → 722,222円; 60万円 → 45万円 (first tier only)', () => {
    expect(subsidyAmount(it_invoice, input(1_000_000)).yen).toBe(722_222);
    expect(subsidyAmount(it_invoice, input(600_000)).yen).toBe(450_000);
    expect(subsidyAmount(it_invoice, input(10_000_000, { sizeClass: 'small' })).yen).toBe(3_500_000);
  });
  // 002 省力化投資補助金(一般型): 補助金額1,500万円以下 1/2（小規模2/3）、1,500万円を超える部分 1/3.
  const ippan: AmountRule = {
    tiers: [{ upToSubsidyYen: 15_000_000, rate: { default: '1/2', when: [{ if: { sizeClass: 'small' }, rate: '2/3', label: '小規模事業者' }] } }, { rate: '1/3' }],
    cap: { byEmployees: [{ maxEmployees: 5, yen: 7_500_000 }, { maxEmployees: 20, yen: 15_000_000 }, { maxEmployees: 50, yen: 30_000_000 }, { maxEmployees: 100, yen: 50_000_000 }, { yen: 80_000_000 }] },
  };
  it('省力化 一般型: 101名以上, 1億円 → 1,500万円 + 7,000万円 × 1/3', () => {
    expect(subsidyAmount(ippan, input(100_000_000, { employees: 150 })).yen).toBe(38_333_333);
    expect(subsidyAmount(ippan, input(100_000_000, { employees: 30 })).yen).toBe(30_000_000);
  });
  // 002 事業承継・引継ぎ補助金(経営革新): 2/3（400万円を超え600万円以下の部分は1/2）、上限600万円.
  const succession: AmountRule = { tiers: [{ upToSubsidyYen: 4_000_000, rate: '2/3' }, { rate: '1/2' }], cap: 6_000_000 };
  it('事業承継 経営革新: 900万円 → 400万円 + 300万円 × 1/2 = 550万円; 1,200万円 → 上限600万円', () => {
    expect(subsidyAmount(succession, input(9_000_000)).yen).toBe(5_500_000);
    expect(subsidyAmount(succession, input(12_000_000))).toMatchObject({ yen: 6_000_000, capApplied: true });
    expect(subsidyAmount(succession, input(6_000_000)).yen).toBe(4_000_000);
  });
});

describe('cap uplifts and answer-dependent rates (003 持続化補助金 第15次)', () => {
  const tsujo: AmountRule = { rate: '2/3', cap: 500_000, capUplifts: [{ if: { invoice_conversion: 'yes' }, addYen: 500_000, label: 'インボイス特例' }] };
  it('インボイス特例 raises 通常枠 from 50万円 to 100万円', () => {
    expect(subsidyAmount(tsujo, input(1_500_000, { answers: { invoice_conversion: 'yes' } })).yen).toBe(1_000_000);
    expect(subsidyAmount(tsujo, input(1_500_000, { answers: { invoice_conversion: 'no' } })).yen).toBe(500_000);
    expect(subsidyAmount(tsujo, input(1_500_000)).pendingQuestions).toEqual(['invoice_conversion']);
  });
  const chinage: AmountRule = { rate: { default: '2/3', when: [{ if: { deficit: 'yes' }, rate: '3/4', label: '赤字事業者' }] }, cap: 2_000_000 };
  it('賃金引上げ枠: 赤字事業者は3/4', () => {
    expect(subsidyAmount(chinage, input(2_400_000, { answers: { deficit: 'yes' } })).yen).toBe(1_800_000);
    expect(subsidyAmount(chinage, input(2_400_000, { answers: { deficit: 'no' } })).yen).toBe(1_600_000);
    expect(subsidyAmount(chinage, input(2_400_000, { answers: { deficit: 'yes' } })).rateLabel).toBe('3/4（赤字事業者）');
  });
  // 002 業務改善助成金: 900円未満 9/10, 900円以上950円未満 4/5(9/10), 950円以上 3/4(4/5).
  const gyomu: AmountRule = {
    rate: {
      default: '3/4',
      when: [
        { if: { wage_band: 'under900' }, rate: '9/10', label: '900円未満' },
        { if: { wage_band: '900to950', productivity: 'yes' }, rate: '9/10', label: '900円以上950円未満・生産性要件' },
        { if: { wage_band: '900to950' }, rate: '4/5', label: '900円以上950円未満' },
        { if: { wage_band: 'over950', productivity: 'yes' }, rate: '4/5', label: '950円以上・生産性要件' },
      ],
    },
  };
  it.each([
    [{ wage_band: 'under900' }, 900_000],
    [{ wage_band: '900to950', productivity: 'no' }, 800_000],
    [{ wage_band: '900to950', productivity: 'yes' }, 900_000],
    [{ wage_band: 'over950', productivity: 'no' }, 750_000],
    [{ wage_band: 'over950', productivity: 'yes' }, 800_000],
  ])('業務改善助成金 %o → %i', (answers, yen) => {
    expect(subsidyAmount(gyomu, input(1_000_000, { answers })).yen).toBe(yen);
  });
});

describe('per-person caps (001 金沢市 技能検定受検支援: 1/2, 1名につき1万円まで)', () => {
  const rule: AmountRule = { rate: '1/2', perPerson: { yen: 10_000, question: 'persons', label: '1名につき' } };
  it('caps at 1万円 × persons', () => {
    expect(subsidyAmount(rule, input(54_000, { answers: { persons: 3 } })).yen).toBe(27_000);
    expect(subsidyAmount(rule, input(75_000, { answers: { persons: 3 } }))).toMatchObject({ yen: 30_000, capYen: 30_000 });
  });
  it('assumes one person until asked', () => {
    const a = subsidyAmount(rule, input(75_000));
    expect(a.yen).toBe(10_000);
    expect(a.pendingQuestions).toEqual(['persons']);
  });
});

describe('minimum expense (001 金沢市 外国語版HP: 対象経費30万円以上, 1/2, 上限30万円)', () => {
  const rule: AmountRule = { rate: '1/2', cap: 300_000, minExpenseYen: 300_000 };
  it('pays nothing below 30万円 and says why', () => {
    const a = subsidyAmount(rule, input(299_999));
    expect(a).toMatchObject({ eligible: false, yen: 0, selfPayYen: 299_999 });
    expect(a.explanation.join()).toContain('300,000円以上');
  });
  it('pays from 30万円', () => {
    expect(subsidyAmount(rule, input(300_000)).yen).toBe(150_000);
    expect(subsidyAmount(rule, input(1_000_000)).yen).toBe(300_000);
  });
});

describe('minimum subsidy and exclusive caps', () => {
  it('ものづくり補助金: 下限額50万円', () => {
    const rule: AmountRule = { rate: '1/2', cap: 12_500_000, minSubsidyYen: 500_000 };
    expect(subsidyAmount(rule, input(900_000))).toMatchObject({ eligible: false, yen: 0 });
    expect(subsidyAmount(rule, input(1_000_000))).toMatchObject({ eligible: true, yen: 500_000 });
  });
  it('IT導入補助金 通常枠: 150万円未満', () => {
    const rule: AmountRule = { rate: '1/2', cap: 1_500_000, capExclusive: true, minSubsidyYen: 50_000 };
    expect(subsidyAmount(rule, input(4_000_000)).yen).toBe(1_499_999);
    expect(subsidyAmount(rule, input(99_999)).eligible).toBe(false);
  });
});

describe('limits on part of the expense', () => {
  it('001 金沢市: 外注加工費は経費総額の5割以内', () => {
    const rule: AmountRule = { rate: '1/2', cap: 2_000_000, partLimits: [{ question: 'outsourcing', label: '外注加工費', rule: 'notMoreThanOthers' }] };
    const a = subsidyAmount(rule, input(3_000_000, { answers: { outsourcing: 2_000_000 } }));
    expect(a.eligibleExpenseYen).toBe(2_000_000);
    expect(a.yen).toBe(1_000_000);
    expect(a.selfPayYen).toBe(2_000_000);
    expect(subsidyAmount(rule, input(3_000_000, { answers: { outsourcing: 1_500_000 } })).eligibleExpenseYen).toBe(3_000_000);
  });
  it('004 ひたちなか市: 人件費は2～8の経費の合計額まで', () => {
    const rule: AmountRule = { rate: '1/2', cap: 1_000_000, partLimits: [{ question: 'labor', label: '人件費', rule: 'notMoreThanOthers' }] };
    expect(subsidyAmount(rule, input(2_000_000, { answers: { labor: 1_500_000 } })).yen).toBe(500_000);
  });
});

describe('several tracks claimed together, highest cap applies (004 ひたちなか ビジネスマッチング)', () => {
  it("reproduces the document's example: 250,000 + 80,000 = 330,000 → 300,000", () => {
    const domestic = subsidyAmount({ rate: '1/2', cap: 300_000 }, input(500_000));
    const website = subsidyAmount({ rate: '1/2', cap: 150_000 }, input(160_000));
    expect(domestic.yen).toBe(250_000);
    expect(website.yen).toBe(80_000);
    const both = combine([domestic, website], ['国内出展', '自社HPリニューアル']);
    expect(both).toMatchObject({ yen: 300_000, beforeCapYen: 330_000, capYen: 300_000, capApplied: true, selfPayYen: 360_000 });
  });
});

describe('flat awards (001 金沢かがやきブランド 奨励金 20万円)', () => {
  it('pays the flat amount whatever the expense', () => {
    expect(subsidyAmount({ flatYen: 200_000 }, input(0))).toMatchObject({ yen: 200_000, rateLabel: '定額' });
  });
});
