// national-it.yaml — IT導入補助金: edition 2024 (003_1ca539d7a2e31e25.txt, 中国経済産業局 令和6年3月18日)
// and edition 2025 (002_3e4e47d383c487e3.txt, 石川県の商工会のページ, 2025年3月上旬頃).
import { describe, expect, it } from 'vitest';
import { applicationStatus } from '../../src/core/status';
import { amountFor, matchFor, program, track } from '../helpers';

const IT = 'it-donyu';
const SME = { employees: 30 }; // 製造業30人 → 中小企業者（小規模ではない）
const SMALL = { employees: 10 }; // 製造業10人 → 小規模企業者
const rows = (res: ReturnType<typeof matchFor>) => res.results.filter((r) => r.programId === IT);
const row = (res: ReturnType<typeof matchFor>, trackId: string) => {
  const r = rows(res).find((x) => x.trackId === trackId);
  if (!r) throw new Error(`no row ${IT}/${trackId}`);
  return r;
};

describe('IT導入補助金: program facts', () => {
  it('is one national program with editions 2024 and 2025 (newest 2025)', () => {
    const p = program(IT);
    expect(p.kind).toBe('subsidy');
    expect(p.region).toBeUndefined();
    expect(p.issuer.level).toBe('national');
    expect(p.editions.map((e) => e.id).sort()).toEqual(['2024', '2025']);
    expect(p.editions.find((e) => e.id === '2024')!.asOf).toBe('2024-03-18');
    const e2025 = p.editions.find((e) => e.id === '2025')!;
    expect(e2025.asOf).toBe('2025-03-01');
    expect(e2025.asOfNote).toBeTruthy();
    expect(p.contacts.map((c) => c.tel)).toContain('0570-666-376');
  });

  it('2025 edition lists 通常枠 and インボイス枠 only; 2024 has 9 tracks', () => {
    const p = program(IT);
    expect(p.editions.find((e) => e.id === '2025')!.tracks.map((t) => t.id)).toEqual([
      'normal-1to3', 'normal-4plus', 'invoice-software', 'invoice-pc', 'invoice-register',
    ]);
    expect(p.editions.find((e) => e.id === '2024')!.tracks).toHaveLength(9);
  });
});

describe('IT導入補助金 2025 (002): 通常枠', () => {
  it('5万〜150万円未満, 1/2: 100万円 → 50万円, 自己負担50万円', () => {
    const a = amountFor(IT, 'normal-1to3', { expenseYen: 1_000_000 });
    expect(a.yen).toBe(500_000);
    expect(a.selfPayYen).toBe(500_000);
  });
  it('150万円未満 (exclusive): 300万円 → 1,499,999円', () => {
    const a = amountFor(IT, 'normal-1to3', { expenseYen: 3_000_000 });
    expect(a.beforeCapYen).toBe(1_500_000);
    expect(a.yen).toBe(1_499_999);
    expect(a.capApplied).toBe(true);
  });
  it('下限5万円: 8万円 → 4万円 is below the minimum; 10万円 → 5万円 is eligible', () => {
    const low = amountFor(IT, 'normal-1to3', { expenseYen: 80_000 });
    expect(low.eligible).toBe(false);
    expect(low.yen).toBe(0);
    const edge = amountFor(IT, 'normal-1to3', { expenseYen: 100_000 });
    expect(edge.eligible).toBe(true);
    expect(edge.yen).toBe(50_000);
  });
  it('4プロセス以上 150万〜450万円以下: 200万円 → 100万円 is below the minimum; 300万円 → 150万円; 1,000万円 → 450万円', () => {
    expect(amountFor(IT, 'normal-4plus', { expenseYen: 2_000_000 }).eligible).toBe(false);
    expect(amountFor(IT, 'normal-4plus', { expenseYen: 3_000_000 }).yen).toBe(1_500_000);
    const big = amountFor(IT, 'normal-4plus', { expenseYen: 10_000_000 });
    expect(big.yen).toBe(4_500_000);
    expect(big.selfPayYen).toBe(5_500_000);
  });
  it('process-count question decides the track (1プロセス以上 accepts 4プロセスのツールも)', () => {
    const base = { prefecture: '石川県', industry: 'manufacturing', employees: 10, expenseYen: 1_000_000, date: '2025-04-10' };
    const few = matchFor({ ...base, answers: { it_process_count: '1-3' } });
    expect(row(few, 'normal-1to3').verdict).toBe('eligible');
    expect(row(few, 'normal-4plus').verdict).toBe('ineligible');
    const many = matchFor({ ...base, answers: { it_process_count: '4plus' } });
    expect(row(many, 'normal-1to3').verdict).toBe('eligible');
    expect(row(many, 'normal-4plus').verdict).toBe('eligible');
    const unanswered = matchFor(base);
    expect(row(unanswered, 'normal-4plus').verdict).toBe('check');
  });
  it('大企業 is not eligible for the 2025 tracks', () => {
    const res = matchFor({ prefecture: '東京都', industry: 'manufacturing', employees: 500, capitalYen: 1_000_000_000, expenseYen: 1_000_000, date: '2025-04-10' });
    for (const r of rows(res)) expect(r.verdict).toBe('ineligible');
  });
});

describe('IT導入補助金 2025 (002): インボイス枠（インボイス対応類型）', () => {
  it('中小企業: 50万円以下の部分 3/4, 超える部分 2/3 — 100万円 → 722,222円', () => {
    // 50万円 of subsidy uses 666,666.67円 of expense; the rest 333,333.33円 × 2/3 = 222,222.2円.
    const a = amountFor(IT, 'invoice-software', { expenseYen: 1_000_000, ...SME });
    expect(a.yen).toBe(722_222);
    expect(a.selfPayYen).toBe(277_778);
  });
  it('小規模事業者: 50万円以下の部分 4/5 — 100万円 → 50万円 + 37.5万円 × 2/3 = 75万円', () => {
    const a = amountFor(IT, 'invoice-software', { expenseYen: 1_000_000, ...SMALL });
    expect(a.yen).toBe(750_000);
    expect(a.selfPayYen).toBe(250_000);
  });
  it('under 50万円 of subsidy: 40万円 → 小規模 32万円 (4/5), 中小 30万円 (3/4)', () => {
    expect(amountFor(IT, 'invoice-software', { expenseYen: 400_000, ...SMALL }).yen).toBe(320_000);
    expect(amountFor(IT, 'invoice-software', { expenseYen: 400_000, ...SME }).yen).toBe(300_000);
  });
  it('cap 350万円: 1,000万円 → 350万円 (no lower limit: 2万円 → 1.6万円)', () => {
    const a = amountFor(IT, 'invoice-software', { expenseYen: 10_000_000, ...SMALL });
    expect(a.capYen).toBe(3_500_000);
    expect(a.yen).toBe(3_500_000);
    expect(amountFor(IT, 'invoice-software', { expenseYen: 20_000, ...SMALL }).yen).toBe(16_000);
  });
  it('1機能のみのソフトは補助額50万円まで (50万円超の部分は2機能以上)', () => {
    const one = amountFor(IT, 'invoice-software', { expenseYen: 1_000_000, ...SMALL, answers: { it_invoice_functions: '1' } });
    expect(one.yen).toBe(500_000);
    const two = amountFor(IT, 'invoice-software', { expenseYen: 1_000_000, ...SMALL, answers: { it_invoice_functions: '2plus' } });
    expect(two.yen).toBe(750_000);
  });
  it('PC・タブレット等 〜10万円 1/2: 15万円 → 7.5万円; 30万円 → 10万円', () => {
    expect(amountFor(IT, 'invoice-pc', { expenseYen: 150_000 }).yen).toBe(75_000);
    const a = amountFor(IT, 'invoice-pc', { expenseYen: 300_000 });
    expect(a.yen).toBe(100_000);
    expect(a.selfPayYen).toBe(200_000);
  });
  it('レジ・券売機等 〜20万円 1/2: 30万円 → 15万円; 50万円 → 20万円', () => {
    expect(amountFor(IT, 'invoice-register', { expenseYen: 300_000 }).yen).toBe(150_000);
    expect(amountFor(IT, 'invoice-register', { expenseYen: 500_000 }).yen).toBe(200_000);
  });
});

describe('IT導入補助金 2025: status (次回公募 2025-03-31〜2025-05-12)', () => {
  const at = (date: string) =>
    row(matchFor({ prefecture: '石川県', industry: 'retail', employees: 3, expenseYen: 500_000, date }), 'invoice-software').status.code;
  it('受付前 before 3/31, 受付中 until 5/12, 受付終了 after', () => {
    expect(at('2025-03-10')).toBe('upcoming');
    expect(at('2025-03-31')).toBe('open');
    expect(at('2025-05-12')).toBe('open');
    expect(at('2025-05-13')).toBe('closed');
  });
});

describe('IT導入補助金 2024 (003)', () => {
  const E = { edition: '2024' };
  it('通常枠 1〜3プロセス 5万〜150万円未満 and 4プロセス以上 150万〜450万円以下, 1/2', () => {
    expect(amountFor(IT, 'normal-1to3', { ...E, expenseYen: 1_000_000 }).yen).toBe(500_000);
    expect(amountFor(IT, 'normal-1to3', { ...E, expenseYen: 5_000_000 }).yen).toBe(1_499_999);
    expect(amountFor(IT, 'normal-1to3', { ...E, expenseYen: 90_000 }).eligible).toBe(false);
    expect(amountFor(IT, 'normal-4plus', { ...E, expenseYen: 2_999_998 }).eligible).toBe(false);
    expect(amountFor(IT, 'normal-4plus', { ...E, expenseYen: 6_000_000 }).yen).toBe(3_000_000);
    expect(amountFor(IT, 'normal-4plus', { ...E, expenseYen: 20_000_000 }).yen).toBe(4_500_000);
  });
  it('2024: 通常枠 1〜3 is only for 1〜3プロセス (業務領域が1～3まで)', () => {
    expect(track(IT, 'normal-1to3', '2024').target!.requirements![0]!.accept).toEqual(['1-3']);
  });
  it('インボイス対応類型 ITツール: ※3 tiers — 小規模 100万円 → 75万円, 中小 100万円 → 722,222円, cap 350万円', () => {
    expect(amountFor(IT, 'invoice-software', { ...E, expenseYen: 1_000_000, ...SMALL }).yen).toBe(750_000);
    expect(amountFor(IT, 'invoice-software', { ...E, expenseYen: 1_000_000, ...SME }).yen).toBe(722_222);
    expect(amountFor(IT, 'invoice-software', { ...E, expenseYen: 8_000_000, ...SME }).yen).toBe(3_500_000);
  });
  it('PC・タブレット等 10万円, レジ・券売機 20万円, 1/2, with a recorded doubt on the rate (garbled table)', () => {
    expect(amountFor(IT, 'invoice-pc', { ...E, expenseYen: 300_000 }).yen).toBe(100_000);
    expect(amountFor(IT, 'invoice-pc', { ...E, expenseYen: 120_000 }).yen).toBe(60_000);
    expect(amountFor(IT, 'invoice-register', { ...E, expenseYen: 300_000 }).yen).toBe(150_000);
    expect(amountFor(IT, 'invoice-register', { ...E, expenseYen: 1_000_000 }).yen).toBe(200_000);
    for (const id of ['invoice-pc', 'invoice-register']) {
      expect(track(IT, id, '2024').doubts!.some((d) => d.affects === 'amount')).toBe(true);
    }
  });
  it('電子取引類型 〜350万円: 中小企業 2/3, 大企業 1/2 (大企業も対象)', () => {
    expect(track(IT, 'e-transaction', '2024').target!.sizeClasses).toContain('large');
    expect(amountFor(IT, 'e-transaction', { ...E, expenseYen: 1_000_000, ...SME }).yen).toBe(666_666);
    expect(amountFor(IT, 'e-transaction', { ...E, expenseYen: 1_000_000, ...SMALL }).yen).toBe(666_666);
    const large = amountFor(IT, 'e-transaction', { ...E, expenseYen: 1_000_000, employees: 500, capitalYen: 1_000_000_000 });
    expect(large.yen).toBe(500_000);
    expect(large.selfPayYen).toBe(500_000);
    expect(amountFor(IT, 'e-transaction', { ...E, expenseYen: 10_000_000, ...SME }).yen).toBe(3_500_000);
  });
  it('複数社連携IT導入枠 ②: 2/3, 50万円×構成員数, 3,000万円まで', () => {
    const ten = amountFor(IT, 'multi-company-admin', { ...E, expenseYen: 9_000_000, answers: { it_group_members: 10 } });
    expect(ten.beforeCapYen).toBe(6_000_000);
    expect(ten.yen).toBe(5_000_000);
    expect(ten.selfPayYen).toBe(4_000_000);
    const many = amountFor(IT, 'multi-company-admin', { ...E, expenseYen: 60_000_000, answers: { it_group_members: 100 } });
    expect(many.yen).toBe(30_000_000);
    expect(amountFor(IT, 'multi-company-admin', { ...E, expenseYen: 3_000_000, answers: { it_group_members: 12 } }).yen).toBe(2_000_000);
  });
  it('複数社連携IT導入枠 ①: same as インボイス対応類型, with a doubt', () => {
    expect(amountFor(IT, 'multi-company-base', { ...E, expenseYen: 1_000_000, ...SMALL }).yen).toBe(750_000);
    expect(track(IT, 'multi-company-base', '2024').doubts).toHaveLength(1);
  });
  it('セキュリティ対策推進枠 5万〜100万円, 1/2', () => {
    expect(amountFor(IT, 'security', { ...E, expenseYen: 80_000 }).eligible).toBe(false);
    expect(amountFor(IT, 'security', { ...E, expenseYen: 400_000 }).yen).toBe(200_000);
    expect(amountFor(IT, 'security', { ...E, expenseYen: 3_000_000 }).yen).toBe(1_000_000);
  });
  it('締切予定: 通常枠 3/15, 4/15, 5/20; インボイス対応類型 3/15, 3/29, 4/15, 4/30, 5/20 (2024)', () => {
    const e = program(IT).editions.find((x) => x.id === '2024')!;
    expect(e.application.kind).toBe('window');
    if (e.application.kind !== 'window') return;
    expect(e.application.windows.map((w) => w.end)).toEqual(['2024-03-15', '2024-04-15', '2024-05-20']);
    expect(e.application.windows.every((w) => w.text.includes('予定'))).toBe(true);
    const inv = track(IT, 'invoice-software', '2024').application!;
    expect(inv.kind).toBe('window');
    if (inv.kind !== 'window') return;
    expect(inv.windows.map((w) => w.end)).toEqual(['2024-03-15', '2024-03-29', '2024-04-15', '2024-04-30', '2024-05-20']);
    expect(applicationStatus(e.application, '2024-04-20', e).code).toBe('open');
    expect(applicationStatus(e.application, '2024-05-21', e).code).toBe('closed');
    expect(applicationStatus(inv, '2024-04-20', e).code).toBe('open');
    expect(track(IT, 'multi-company-admin', '2024').application!.kind).toBe('tbd');
  });
});
