// 高岡市 高岡イノベーション推進事業（令和6年度） — 000_60ef9b750f3fa787.txt
// The leaflet gives no worked examples: the cases are computed by hand from its
// 補助率 and 上限額 (over the cap, under the cap, and each rate condition).
import { describe, expect, it } from 'vitest';
import { amountFor, matchFor, program, track } from '../helpers';

const TALENT = 'takaoka-innovation-talent';
const CN = 'takaoka-carbon-neutral';
const SMART = 'takaoka-smart-industry';
const STARTUP = 'takaoka-startup-succession';
const STEPUP = 'takaoka-monozukuri-stepup';
const SALES = 'takaoka-new-era-sales';

const where = { prefecture: '富山県', municipality: '高岡市' };
const row = (results: { programId: string; trackId: string }[], programId: string, trackId: string) => {
  const r = results.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}:${trackId}`);
  return r as any;
};

describe('① イノベーション創出人材活用支援補助金 (1/2)', () => {
  it('副業・兼業人材: 上限30万円', () => {
    const over = amountFor(TALENT, 'side-job', { expenseYen: 1_000_000 });
    expect(over.yen).toBe(300_000);
    expect(over.selfPayYen).toBe(700_000);
    expect(over.capYen).toBe(300_000);
    expect(amountFor(TALENT, 'side-job', { expenseYen: 400_000 }).yen).toBe(200_000);
  });
  it('インターンシップ 国内人材: 上限30万円', () => {
    expect(amountFor(TALENT, 'internship-domestic', { expenseYen: 1_000_000 }).yen).toBe(300_000);
    expect(amountFor(TALENT, 'internship-domestic', { expenseYen: 500_001 }).yen).toBe(250_000);
  });
  it('インターンシップ 国外人材: 上限50万円', () => {
    const over = amountFor(TALENT, 'internship-overseas', { expenseYen: 1_200_000 });
    expect(over.yen).toBe(500_000);
    expect(over.selfPayYen).toBe(700_000);
    expect(amountFor(TALENT, 'internship-overseas', { expenseYen: 800_000 }).yen).toBe(400_000);
  });
  it('対象者: 製造業・卸売業、その他はものづくり関連のみ', () => {
    const base = { ...where, employees: 10, date: '2024-05-01' };
    expect(row(matchFor({ ...base, industry: 'manufacturing' }).results, TALENT, 'side-job').verdict).toBe('eligible');
    expect(row(matchFor({ ...base, industry: 'wholesale' }).results, TALENT, 'side-job').verdict).toBe('eligible');
    expect(row(matchFor({ ...base, industry: 'retail' }).results, TALENT, 'side-job').verdict).toBe('check');
    expect(
      row(matchFor({ ...base, industry: 'retail', answers: { takaoka_monozukuri_related: 'yes' } }).results, TALENT, 'side-job').verdict,
    ).toBe('eligible');
    expect(
      row(matchFor({ ...base, industry: 'retail', answers: { takaoka_monozukuri_related: 'no' } }).results, TALENT, 'side-job').verdict,
    ).toBe('ineligible');
    expect(
      row(matchFor({ prefecture: '富山県', municipality: '富山市', industry: 'manufacturing', employees: 10, date: '2024-05-01' }).results, TALENT, 'side-job')
        .verdict,
    ).toBe('ineligible');
  });
});

describe('② カーボンニュートラル対策等支援補助金 (2/3, 上限30万円)', () => {
  it('省エネルギーセンター【省エネ最適化診断】', () => {
    const over = amountFor(CN, 'eccj-audit', { expenseYen: 600_000 });
    expect(over.beforeCapYen).toBe(400_000);
    expect(over.yen).toBe(300_000);
    expect(over.selfPayYen).toBe(300_000);
    expect(amountFor(CN, 'eccj-audit', { expenseYen: 300_000 }).yen).toBe(200_000);
  });
  it('省エネお助け隊【省エネ診断】: 端数は切り捨て', () => {
    const a = amountFor(CN, 'otasuketai-audit', { expenseYen: 100_000 });
    expect(a.yen).toBe(66_666);
    expect(a.selfPayYen).toBe(33_334);
    expect(amountFor(CN, 'otasuketai-audit', { expenseYen: 450_000 }).yen).toBe(300_000);
  });
});

describe('③ 産業スマート化事業支援補助金 (1/2)', () => {
  it('①デジタルイノベーション事業: 上限50万円', () => {
    expect(amountFor(SMART, 'digitization', { expenseYen: 1_200_000 }).yen).toBe(500_000);
    expect(amountFor(SMART, 'digitization', { expenseYen: 600_000 }).yen).toBe(300_000);
  });
  it('②デジタルイノベーション事業・DX事業: 上限100万円', () => {
    const over = amountFor(SMART, 'digital-innovation-dx', { expenseYen: 3_000_000 });
    expect(over.yen).toBe(1_000_000);
    expect(over.selfPayYen).toBe(2_000_000);
    expect(amountFor(SMART, 'digital-innovation-dx', { expenseYen: 1_500_000 }).yen).toBe(750_000);
  });
  it('(2)人材育成事業: 上限10万円', () => {
    expect(amountFor(SMART, 'digital-training', { expenseYen: 300_000 }).yen).toBe(100_000);
    expect(amountFor(SMART, 'digital-training', { expenseYen: 150_000 }).yen).toBe(75_000);
  });
  it('DX事業は1次・2次募集のみ、①と人材育成は通常の募集期間', () => {
    const at = (date: string) => matchFor({ ...where, industry: 'manufacturing', employees: 10, date }).results;
    expect(row(at('2024-05-01'), SMART, 'digital-innovation-dx').status.code).toBe('open');
    expect(row(at('2024-07-15'), SMART, 'digital-innovation-dx').status.code).toBe('upcoming');
    expect(row(at('2024-09-30'), SMART, 'digital-innovation-dx').status.code).toBe('open');
    expect(row(at('2024-10-01'), SMART, 'digital-innovation-dx').status.code).toBe('closed');
    expect(row(at('2024-10-01'), SMART, 'digitization').status.code).toBe('open');
    expect(row(at('2024-10-01'), SMART, 'digital-training').status.code).toBe('open');
    expect(row(at('2025-02-01'), SMART, 'digital-training').status.code).toBe('closed');
  });
  it('①の募集期間は資料上あいまい（doubt: status）', () => {
    expect(track(SMART, 'digitization').doubts?.some((d) => d.affects === 'status')).toBe(true);
  });
});

describe('④ 創業・事業承継支援補助金 (1/2, 移住者・女性・40歳未満は2/3)', () => {
  it('創業・第二創業・事業承継: 上限50万円', () => {
    expect(amountFor(STARTUP, 'startup-succession', { expenseYen: 1_200_000, answers: { takaoka_founder_priority: 'no' } }).yen).toBe(500_000);
    expect(amountFor(STARTUP, 'startup-succession', { expenseYen: 600_000, answers: { takaoka_founder_priority: 'no' } }).yen).toBe(300_000);
  });
  it('移住者・女性・40歳未満 → 2/3', () => {
    const under = amountFor(STARTUP, 'startup-succession', { expenseYen: 600_000, answers: { takaoka_founder_priority: 'yes' } });
    expect(under.yen).toBe(400_000);
    expect(under.selfPayYen).toBe(200_000);
    expect(under.rateLabel).toContain('2/3');
    expect(amountFor(STARTUP, 'startup-succession', { expenseYen: 900_000, answers: { takaoka_founder_priority: 'yes' } }).yen).toBe(500_000);
  });
  it('未回答のときは1/2で計算', () => {
    expect(amountFor(STARTUP, 'startup-succession', { expenseYen: 600_000 }).yen).toBe(300_000);
  });
  it('人材育成事業（後継者育成）: 上限10万円、2/3の適用は要確認', () => {
    expect(amountFor(STARTUP, 'successor-training', { expenseYen: 120_000, answers: { takaoka_founder_priority: 'no' } }).yen).toBe(60_000);
    const yes = amountFor(STARTUP, 'successor-training', { expenseYen: 120_000, answers: { takaoka_founder_priority: 'yes' } });
    expect(yes.yen).toBe(80_000);
    // the track's doubt (affects: amount) marks the amount 要確認 in matching
    const r = row(
      matchFor({ ...where, industry: 'manufacturing', employees: 10, expenseYen: 120_000, answers: { takaoka_founder_priority: 'yes' }, date: '2024-05-01' })
        .results,
      STARTUP,
      'successor-training',
    );
    expect(r.amount.yen).toBe(80_000);
    expect(r.amount.doubtful).toBe(true);
    expect(amountFor(STARTUP, 'successor-training', { expenseYen: 300_000, answers: { takaoka_founder_priority: 'yes' } }).yen).toBe(100_000);
  });
});

describe('⑤ ものづくりステップアップ事業支援補助金', () => {
  const frames = ['new-product-technology', 'new-product-local-resources', 'new-product-carbon-neutral', 'new-product-sdgs'];
  it.each(frames)('新商品開発事業 %s: 1/2・上限50万円', (id) => {
    expect(amountFor(STEPUP, id, { expenseYen: 1_000_000 }).yen).toBe(500_000);
    expect(amountFor(STEPUP, id, { expenseYen: 1_500_000 }).yen).toBe(500_000);
    expect(amountFor(STEPUP, id, { expenseYen: 800_000 }).yen).toBe(400_000);
  });
  it('リサイクル・アップサイクル枠: 2/3・上限75万円', () => {
    const over = amountFor(STEPUP, 'new-product-recycle', { expenseYen: 1_200_000 });
    expect(over.beforeCapYen).toBe(800_000);
    expect(over.yen).toBe(750_000);
    expect(over.selfPayYen).toBe(450_000);
    expect(amountFor(STEPUP, 'new-product-recycle', { expenseYen: 900_000 }).yen).toBe(600_000);
  });
  it('(2)人材育成事業: 1/2・上限10万円', () => {
    expect(amountFor(STEPUP, 'monozukuri-training', { expenseYen: 300_000 }).yen).toBe(100_000);
    expect(amountFor(STEPUP, 'monozukuri-training', { expenseYen: 120_000 }).yen).toBe(60_000);
  });
  it('対象者: 市内で製品等の企画・開発・製造を行う者（業種の限定なし）', () => {
    const base = { ...where, industry: 'retail', employees: 3, date: '2024-05-01' };
    expect(row(matchFor(base).results, STEPUP, 'monozukuri-training').verdict).toBe('check');
    expect(row(matchFor({ ...base, answers: { takaoka_product_dev_in_city: 'yes' } }).results, STEPUP, 'monozukuri-training').verdict).toBe('eligible');
    expect(row(matchFor({ ...base, answers: { takaoka_product_dev_in_city: 'no' } }).results, STEPUP, 'monozukuri-training').verdict).toBe('ineligible');
  });
  it('新商品開発は1次・2次募集のみ、人材育成は通常の募集期間', () => {
    const at = (date: string) => matchFor({ ...where, industry: 'manufacturing', employees: 10, date }).results;
    for (const id of [...frames, 'new-product-recycle']) {
      expect(row(at('2024-06-28'), STEPUP, id).status.code).toBe('open');
      expect(row(at('2024-07-01'), STEPUP, id).status.code).toBe('upcoming');
      expect(row(at('2024-11-01'), STEPUP, id).status.code).toBe('closed');
    }
    expect(row(at('2024-11-01'), STEPUP, 'monozukuri-training').status.code).toBe('open');
  });
});

describe('⑥ 新時代販路開拓事業支援補助金', () => {
  it('見本市 国内出展: 1/2・上限30万円', () => {
    expect(amountFor(SALES, 'trade-show-domestic', { expenseYen: 1_000_000 }).yen).toBe(300_000);
    expect(amountFor(SALES, 'trade-show-domestic', { expenseYen: 400_000 }).yen).toBe(200_000);
  });
  it('見本市 国外出展: 1/2・上限50万円', () => {
    const a = amountFor(SALES, 'trade-show-overseas', { expenseYen: 2_000_000, answers: { takaoka_expo_us_midwest_taipei: 'no' } });
    expect(a.yen).toBe(500_000);
    expect(a.selfPayYen).toBe(1_500_000);
    expect(amountFor(SALES, 'trade-show-overseas', { expenseYen: 800_000, answers: { takaoka_expo_us_midwest_taipei: 'no' } }).yen).toBe(400_000);
  });
  it('開催地が米国中西部・台湾台北市: 3/4・上限100万円', () => {
    const under = amountFor(SALES, 'trade-show-overseas', { expenseYen: 1_000_000, answers: { takaoka_expo_us_midwest_taipei: 'yes' } });
    expect(under.yen).toBe(750_000);
    expect(under.capYen).toBe(1_000_000);
    const over = amountFor(SALES, 'trade-show-overseas', { expenseYen: 2_000_000, answers: { takaoka_expo_us_midwest_taipei: 'yes' } });
    expect(over.beforeCapYen).toBe(1_500_000);
    expect(over.yen).toBe(1_000_000);
    expect(over.selfPayYen).toBe(1_000_000);
  });
  it('産業観光に係る整備事業: 1/2・上限50万円、1次・2次募集のみ', () => {
    expect(amountFor(SALES, 'industrial-tourism', { expenseYen: 1_000_000 }).yen).toBe(500_000);
    expect(amountFor(SALES, 'industrial-tourism', { expenseYen: 600_000 }).yen).toBe(300_000);
    const at = (date: string) => matchFor({ ...where, industry: 'manufacturing', employees: 10, date }).results;
    expect(row(at('2024-08-01'), SALES, 'industrial-tourism').status.code).toBe('open');
    expect(row(at('2024-10-01'), SALES, 'industrial-tourism').status.code).toBe('closed');
    expect(row(at('2024-10-01'), SALES, 'trade-show-domestic').status.code).toBe('open');
  });
  it('⑥の対象者は表の崩れのため要確認（doubt: eligibility）', () => {
    const r = row(
      matchFor({ ...where, industry: 'manufacturing', employees: 10, date: '2024-05-01', answers: { takaoka_product_dev_in_city: 'yes' } }).results,
      SALES,
      'trade-show-domestic',
    );
    expect(r.verdict).toBe('check');
  });
});

describe('共通', () => {
  it('6つの補助金すべて高岡市・同じ問合せ先・募集期間 令和6年4月1日～令和7年1月31日', () => {
    for (const id of [TALENT, CN, SMART, STARTUP, STEPUP, SALES]) {
      const p = program(id);
      expect(p.region).toEqual({ prefecture: '富山県', municipality: '高岡市' });
      expect(p.contacts[0]?.tel).toBe('0766-20-1395');
      const app = p.editions[0]!.application;
      expect(app.kind).toBe('window');
      if (app.kind === 'window') expect(app.windows[0]).toMatchObject({ start: '2024-04-01', end: '2025-01-31' });
    }
  });
  it('募集期間中は受付中、締切後は受付終了', () => {
    const at = (date: string) => matchFor({ ...where, industry: 'manufacturing', employees: 10, date }).results;
    expect(row(at('2025-01-31'), TALENT, 'side-job').status.code).toBe('open');
    expect(row(at('2025-02-01'), TALENT, 'side-job').status.code).toBe('closed');
  });
});
