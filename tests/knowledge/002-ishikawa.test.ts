// 002-ishikawa.yaml — 石川県の商工会のページ「補助金・助成金一覧」(002_3e4e47d383c487e3.txt):
// 3.助成金（業務改善助成金）, 4.融資, 5.その他（経営力強化総合支援アドバイザー派遣）.
import { describe, expect, it } from 'vitest';
import { amountFor, matchFor, program, track } from '../helpers';

const DATE = '2025-03-10';
const row = (res: ReturnType<typeof matchFor>, programId: string, trackId: string) => {
  const r = res.results.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}/${trackId}`);
  return r;
};
const ishikawa = (extra: Partial<Parameters<typeof matchFor>[0]> = {}) =>
  matchFor({ prefecture: '石川県', industry: 'manufacturing', employees: 10, date: DATE, ...extra });

describe('業務改善助成金 (gyomu-kaizen-josei)', () => {
  const GK = 'gyomu-kaizen-josei';

  it('is a national grant (no region) with the 石川労働局 contact and status 未定', () => {
    const p = program(GK);
    expect(p.kind).toBe('grant');
    expect(p.region).toBeUndefined();
    expect(p.contacts[0]).toMatchObject({ name: '石川労働局 雇用環境・均等室', tel: '076-265-4429' });
    expect(p.editions[0]!.application.kind).toBe('tbd');
    expect(p.editions[0]!.asOf).toBe('2025-03-01');
    expect(ishikawa({ expenseYen: 1_000_000 }).results.find((r) => r.programId === GK)!.status.code).toBe('tbd');
  });

  it('900円未満: 9/10 — 100万円 → 90万円, 自己負担10万円', () => {
    const a = amountFor(GK, 'standard', { expenseYen: 1_000_000, answers: { gyomu_kaizen_wage_band: 'under900' } });
    expect(a.yen).toBe(900_000);
    expect(a.selfPayYen).toBe(100_000);
    expect(a.rateLabel).toContain('9/10');
  });

  it('900円未満: 9/10 regardless of the 生産性要件 answer', () => {
    const a = amountFor(GK, 'standard', {
      expenseYen: 1_000_000,
      answers: { gyomu_kaizen_wage_band: 'under900', gyomu_kaizen_productivity: 'no' },
    });
    expect(a.yen).toBe(900_000);
  });

  it('900円以上950円未満: 4/5, or 9/10 with 生産性要件', () => {
    expect(amountFor(GK, 'standard', { expenseYen: 1_000_000, answers: { gyomu_kaizen_wage_band: '900to950' } }).yen).toBe(800_000);
    expect(
      amountFor(GK, 'standard', { expenseYen: 1_000_000, answers: { gyomu_kaizen_wage_band: '900to950', gyomu_kaizen_productivity: 'no' } }).yen,
    ).toBe(800_000);
    const yes = amountFor(GK, 'standard', {
      expenseYen: 1_000_000,
      answers: { gyomu_kaizen_wage_band: '900to950', gyomu_kaizen_productivity: 'yes' },
    });
    expect(yes.yen).toBe(900_000);
    expect(yes.selfPayYen).toBe(100_000);
  });

  it('950円以上: 3/4, or 4/5 with 生産性要件', () => {
    const no = amountFor(GK, 'standard', { expenseYen: 1_000_000, answers: { gyomu_kaizen_wage_band: '950plus', gyomu_kaizen_productivity: 'no' } });
    expect(no.yen).toBe(750_000);
    expect(no.selfPayYen).toBe(250_000);
    const yes = amountFor(GK, 'standard', { expenseYen: 1_000_000, answers: { gyomu_kaizen_wage_band: '950plus', gyomu_kaizen_productivity: 'yes' } });
    expect(yes.yen).toBe(800_000);
  });

  it('unanswered wage band: the lowest rate 3/4 and the questions are listed', () => {
    const a = amountFor(GK, 'standard', { expenseYen: 1_000_000 });
    expect(a.yen).toBe(750_000);
    expect(a.pendingQuestions).toContain('gyomu_kaizen_wage_band');
  });

  it('truncates to the yen: 333,333円 × 9/10 = 299,999円', () => {
    const a = amountFor(GK, 'standard', { expenseYen: 333_333, answers: { gyomu_kaizen_wage_band: 'under900' } });
    expect(a.yen).toBe(299_999);
    expect(a.selfPayYen).toBe(33_334);
  });

  it('cap 600万円 (the upper bound of 60～600万円): 1,000万円 × 9/10 → 600万円, and the amount is 要確認', () => {
    const a = amountFor(GK, 'standard', { expenseYen: 10_000_000, answers: { gyomu_kaizen_wage_band: 'under900' } });
    expect(a.beforeCapYen).toBe(9_000_000);
    expect(a.capYen).toBe(6_000_000);
    expect(a.yen).toBe(6_000_000);
    expect(a.selfPayYen).toBe(4_000_000);
    expect(track(GK, 'standard').doubts?.[0]?.affects).toBe('amount');
    const r = row(ishikawa({ expenseYen: 10_000_000, answers: { gyomu_kaizen_wage_band: 'under900' } }), GK, 'standard');
    expect(r.amount?.yen).toBe(6_000_000);
    expect(r.amount?.doubtful).toBe(true);
  });

  it('requirements: 差額50円以内 and 30円以上引上げ; SMEs only', () => {
    const ok = row(
      ishikawa({ expenseYen: 1_000_000, answers: { gyomu_kaizen_wage_gap: 'yes', gyomu_kaizen_raise30: 'yes' } }),
      GK,
      'standard',
    );
    expect(ok.verdict).toBe('eligible');
    expect(row(ishikawa({ answers: { gyomu_kaizen_wage_gap: 'no', gyomu_kaizen_raise30: 'yes' } }), GK, 'standard').verdict).toBe('ineligible');
    expect(row(ishikawa({ answers: { gyomu_kaizen_wage_gap: 'yes', gyomu_kaizen_raise30: 'no' } }), GK, 'standard').verdict).toBe('ineligible');
    expect(row(ishikawa({}), GK, 'standard').verdict).toBe('check');
    const large = row(
      ishikawa({ employees: 500, capitalYen: 1_000_000_000, answers: { gyomu_kaizen_wage_gap: 'yes', gyomu_kaizen_raise30: 'yes' } }),
      GK,
      'standard',
    );
    expect(large.verdict).toBe('ineligible');
  });

  it('national: also matched outside 石川県', () => {
    const r = row(
      matchFor({ prefecture: '東京都', industry: 'retail', employees: 3, date: DATE, answers: { gyomu_kaizen_wage_gap: 'yes', gyomu_kaizen_raise30: 'yes' } }),
      GK,
      'standard',
    );
    expect(r.verdict).toBe('eligible');
  });
});

describe('災害マル経 (ishikawa-saigai-marukei)', () => {
  const M = 'ishikawa-saigai-marukei';
  it('direct: 10,000千円, 当初3年間0.85%, 10年以内, 据置2年以内, 無担保無保証', () => {
    const b = track(M, 'direct').benefit;
    expect(b).toMatchObject({ kind: 'loan', limitYen: 10_000_000, term: '10年以内', grace: '2年以内', collateral: '無担保・無保証' });
    expect(b?.kind === 'loan' && b.rate).toContain('0.85%');
    expect(b?.kind === 'loan' && b.lender).toContain('商工会');
  });
  it('indirect: 当初3年間1.25%', () => {
    const b = track(M, 'indirect').benefit;
    expect(b).toMatchObject({ kind: 'loan', limitYen: 10_000_000 });
    expect(b?.kind === 'loan' && b.rate).toContain('1.25%');
  });
  it('matching: the damage answer selects the track; 石川県 only; 当面の間 → 随時', () => {
    const direct = ishikawa({ answers: { ishikawa_noto_damage: 'direct' } });
    expect(row(direct, M, 'direct').verdict).toBe('eligible');
    expect(row(direct, M, 'indirect').verdict).toBe('ineligible');
    expect(row(direct, M, 'direct').status.code).toBe('rolling');
    const indirect = ishikawa({ answers: { ishikawa_noto_damage: 'indirect' } });
    expect(row(indirect, M, 'indirect').verdict).toBe('eligible');
    expect(row(indirect, M, 'direct').verdict).toBe('ineligible');
    const none = ishikawa({ answers: { ishikawa_noto_damage: 'none' } });
    expect(row(none, M, 'direct').verdict).toBe('ineligible');
    expect(row(none, M, 'indirect').verdict).toBe('ineligible');
    const toyama = matchFor({ prefecture: '富山県', industry: 'manufacturing', employees: 10, date: DATE, answers: { ishikawa_noto_damage: 'direct' } });
    expect(row(toyama, M, 'direct').verdict).toBe('ineligible');
    expect(row(direct, M, 'direct').amount).toBeNull();
  });
});

describe('令和6年能登半島地震特別貸付 (ishikawa-noto-special-loan)', () => {
  const N = 'ishikawa-noto-special-loan';
  it('limit +60,000千円, 運転15年/設備20年, 据置5年, 日本政策金融公庫', () => {
    const b = track(N, 'direct').benefit;
    expect(b?.kind).toBe('loan');
    if (b?.kind !== 'loan') return;
    expect(b.limit).toContain('60,000千円');
    expect(b.limitYen).toBeUndefined();
    expect(b.rate).toContain('基準金利1.75～2.85%');
    expect(b.rate).toContain('基準利率−0.9%');
    expect(b.term).toBe('運転資金15年以内、設備資金20年以内');
    expect(b.grace).toBe('5年以内');
    expect(b.collateral).toBe('要相談');
    expect(b.lender).toBe('日本政策金融公庫（金沢支店、小松支店）');
  });
  it('direct damage only; rolling', () => {
    expect(row(ishikawa({ answers: { ishikawa_noto_damage: 'direct' } }), N, 'direct').verdict).toBe('eligible');
    expect(row(ishikawa({ answers: { ishikawa_noto_damage: 'indirect' } }), N, 'direct').verdict).toBe('ineligible');
    expect(row(ishikawa({}), N, 'direct').status.code).toBe('rolling');
  });
});

describe('物価高騰対策等総合支援特別融資 (ishikawa-price-surge-loan)', () => {
  const P = 'ishikawa-price-surge-loan';
  it('100,000千円, 1.15%以内 / 1.85% or 1.95%, 10年, 据置5年, 信用保証必須, 金融機関', () => {
    const b = track(P, 'standard').benefit;
    expect(b).toMatchObject({ kind: 'loan', limitYen: 100_000_000, term: '10年以内', grace: '5年以内', collateral: '信用保証必須', lender: '金融機関' });
    expect(b?.kind === 'loan' && b.rate).toContain('1.15%以内');
    expect(b?.kind === 'loan' && b.rate).toContain('1.85%または1.95%');
  });
  it('requires a 5% decline; rolling; matches the cash-flow goal', () => {
    const yes = ishikawa({ goal: 'cash-flow', answers: { ishikawa_price_surge_decline: 'yes' } });
    expect(row(yes, P, 'standard').verdict).toBe('eligible');
    expect(row(yes, P, 'standard').status.code).toBe('rolling');
    expect(row(ishikawa({ answers: { ishikawa_price_surge_decline: 'no' } }), P, 'standard').verdict).toBe('ineligible');
  });
});

describe('令和6年能登半島地震災害対策特別融資 (ishikawa-noto-disaster-loan)', () => {
  const D = 'ishikawa-noto-disaster-loan';
  it('100,000千円, 1.00%以内 (当初5年間無利子), 10年, 据置5年, 信用保証必須', () => {
    const b = track(D, 'standard').benefit;
    expect(b).toMatchObject({ kind: 'loan', limitYen: 100_000_000, term: '10年以内', grace: '5年以内', collateral: '信用保証必須', lender: '金融機関' });
    expect(b?.kind === 'loan' && b.rate).toBe('1.00%以内（当初5年間無利子）');
  });
  it('①セーフティネット4号 or ②災害関係保証＋交付決定', () => {
    expect(row(ishikawa({ answers: { ishikawa_noto_loan_basis: 'sn4' } }), D, 'standard').verdict).toBe('eligible');
    expect(row(ishikawa({ answers: { ishikawa_noto_loan_basis: 'disaster_guarantee' } }), D, 'standard').verdict).toBe('eligible');
    expect(row(ishikawa({ answers: { ishikawa_noto_loan_basis: 'neither' } }), D, 'standard').verdict).toBe('ineligible');
    expect(row(ishikawa({}), D, 'standard').status.code).toBe('rolling');
  });
});

describe('経営力強化総合支援アドバイザー派遣 (ishikawa-keiei-advisor)', () => {
  const A = 'ishikawa-keiei-advisor';
  it('無料, 原則3回まで (条件により上限なし), 随時受付, 最寄りの商工会', () => {
    const p = program(A);
    expect(p.kind).toBe('advisory');
    expect(p.region).toEqual({ prefecture: '石川県' });
    expect(p.contacts[0]?.name).toBe('最寄りの商工会');
    const b = track(A, 'standard').benefit;
    expect(b?.kind).toBe('service');
    expect(b?.kind === 'service' && b.text).toContain('無料');
    expect(b?.kind === 'service' && b.text).toContain('原則3回まで');
    expect(b?.kind === 'service' && b.text).toContain('回数の上限がありません');
  });
  it('SMEs in 石川県, rolling', () => {
    const r = row(ishikawa({ goal: 'consultation' }), A, 'standard');
    expect(r.verdict).toBe('eligible');
    expect(r.status.code).toBe('rolling');
    expect(row(ishikawa({ employees: 500, capitalYen: 1_000_000_000 }), A, 'standard').verdict).toBe('ineligible');
    expect(row(matchFor({ prefecture: '富山県', industry: 'retail', employees: 3, date: DATE }), A, 'standard').verdict).toBe('ineligible');
  });
});
