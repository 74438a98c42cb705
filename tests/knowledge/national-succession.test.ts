// national-succession.yaml — 事業承継・引継ぎ補助金: edition r5-hosei (003_1ca539d7a2e31e25.txt,
// 中国経済産業局 令和6年3月18日) and edition 2025 (002_3e4e47d383c487e3.txt, 石川県の商工会のページ).
import { describe, expect, it } from 'vitest';
import { amountFor, matchFor, program, track } from '../helpers';

const SH = 'jigyo-shokei-hikitsugi';
const KAKUSHIN = ['keiei-kakushin-sogyo', 'keiei-kakushin-kotai', 'keiei-kakushin-ma'];
const SENMONKA = ['senmonka-buyer', 'senmonka-seller'];
const rows = (res: ReturnType<typeof matchFor>) => res.results.filter((r) => r.programId === SH);
const row = (res: ReturnType<typeof matchFor>, trackId: string) => {
  const r = rows(res).find((x) => x.trackId === trackId);
  if (!r) throw new Error(`no row ${SH}/${trackId}`);
  return r;
};

describe('事業承継・引継ぎ補助金: program facts', () => {
  it('is one national program with editions r5-hosei (2024-03-18) and 2025 (newest)', () => {
    const p = program(SH);
    expect(p.kind).toBe('subsidy');
    expect(p.region).toBeUndefined();
    expect(p.editions.map((e) => e.id).sort()).toEqual(['2025', 'r5-hosei']);
    expect(p.editions.find((e) => e.id === 'r5-hosei')!.asOf).toBe('2024-03-18');
    expect(p.editions.find((e) => e.id === '2025')!.asOf).toBe('2025-03-01');
    expect(p.contacts.map((c) => c.tel)).toEqual(['050-3000-3550', '050-3000-3551']);
  });
  it('2025: 次回公募 公表待ち → 未定 (tbd)', () => {
    const e = program(SH).editions.find((x) => x.id === '2025')!;
    expect(e.application).toEqual({ kind: 'tbd', text: '次回公募:公表待ち(電子申請のみ)' });
    const res = matchFor({ prefecture: '岡山県', industry: 'retail', employees: 3, expenseYen: 3_000_000, date: '2025-03-10' });
    for (const r of rows(res)) expect(r.status.code).toBe('tbd');
  });
});

describe('事業承継・引継ぎ補助金 2025 (002): 経営革新事業 2/3（400万円を超え600万円以下の部分は1/2）上限600万円', () => {
  it.each(KAKUSHIN)('%s: 300万円 → 200万円 (2/3), 自己負担100万円', (id) => {
    const a = amountFor(SH, id, { expenseYen: 3_000_000 });
    expect(a.yen).toBe(2_000_000);
    expect(a.selfPayYen).toBe(1_000_000);
  });
  it('600万円 → 400万円 (the 2/3 slice is full exactly)', () => {
    expect(amountFor(SH, 'keiei-kakushin-ma', { expenseYen: 6_000_000 }).yen).toBe(4_000_000);
  });
  it('900万円 → 400万円 + 300万円 × 1/2 = 550万円', () => {
    const a = amountFor(SH, 'keiei-kakushin-kotai', { expenseYen: 9_000_000 });
    expect(a.yen).toBe(5_500_000);
    expect(a.selfPayYen).toBe(3_500_000);
  });
  it('1,000万円 → 600万円 (reaches the cap exactly); 1,200万円 → 600万円 (cap)', () => {
    expect(amountFor(SH, 'keiei-kakushin-sogyo', { expenseYen: 10_000_000 }).yen).toBe(6_000_000);
    const a = amountFor(SH, 'keiei-kakushin-sogyo', { expenseYen: 12_000_000 });
    expect(a.beforeCapYen).toBe(7_000_000);
    expect(a.capYen).toBe(6_000_000);
    expect(a.yen).toBe(6_000_000);
  });
  it('the type question decides 創業支援型 / 経営者交代型 / M&A型', () => {
    const res = matchFor({ prefecture: '石川県', industry: 'manufacturing', employees: 10, expenseYen: 3_000_000, date: '2025-03-10', answers: { shokei_case: 'ma' } });
    expect(row(res, 'keiei-kakushin-ma').verdict).toBe('eligible');
    expect(row(res, 'keiei-kakushin-sogyo').verdict).toBe('ineligible');
    expect(row(res, 'keiei-kakushin-kotai').verdict).toBe('ineligible');
    const open = matchFor({ prefecture: '石川県', industry: 'manufacturing', employees: 10, expenseYen: 3_000_000, date: '2025-03-10' });
    expect(row(open, 'keiei-kakushin-sogyo').verdict).toBe('check');
  });
});

describe('事業承継・引継ぎ補助金 2025 (002): 専門家活用事業 2/3, 100〜600万円（未実現300万円）+廃業費150万円', () => {
  it.each(SENMONKA)('%s: 300万円 → 200万円; 1,200万円 → 600万円', (id) => {
    expect(amountFor(SH, id, { expenseYen: 3_000_000 }).yen).toBe(2_000_000);
    const a = amountFor(SH, id, { expenseYen: 12_000_000 });
    expect(a.yen).toBe(6_000_000);
    expect(a.selfPayYen).toBe(6_000_000);
  });
  it('下限100万円: 120万円 → 80万円 is below the minimum; 150万円 → 100万円 is eligible', () => {
    expect(amountFor(SH, 'senmonka-buyer', { expenseYen: 1_200_000 }).eligible).toBe(false);
    const edge = amountFor(SH, 'senmonka-buyer', { expenseYen: 1_500_000 });
    expect(edge.eligible).toBe(true);
    expect(edge.yen).toBe(1_000_000);
  });
  it('引継ぎが実現しなかった場合 300万円', () => {
    const a = amountFor(SH, 'senmonka-seller', { expenseYen: 12_000_000, answers: { shokei_ma_completed: 'no' } });
    expect(a.yen).toBe(3_000_000);
    expect(amountFor(SH, 'senmonka-seller', { expenseYen: 12_000_000, answers: { shokei_ma_completed: 'yes' } }).yen).toBe(6_000_000);
  });
  it('廃業を伴う場合 +廃業費150万円: 1,200万円 → 750万円; 未実現+廃業 → 450万円', () => {
    expect(amountFor(SH, 'senmonka-buyer', { expenseYen: 12_000_000, answers: { shokei_haigyo: 'yes' } }).yen).toBe(7_500_000);
    expect(
      amountFor(SH, 'senmonka-seller', { expenseYen: 12_000_000, answers: { shokei_haigyo: 'yes', shokei_ma_completed: 'no' } }).yen,
    ).toBe(4_500_000);
    expect(amountFor(SH, 'senmonka-buyer', { expenseYen: 12_000_000, answers: { shokei_haigyo: 'no' } }).yen).toBe(6_000_000);
  });
  it('buyer / seller question decides the track', () => {
    const res = matchFor({ prefecture: '石川県', industry: 'retail', employees: 3, expenseYen: 3_000_000, date: '2025-03-10', answers: { shokei_ma_role: 'seller' } });
    expect(row(res, 'senmonka-seller').verdict).toBe('eligible');
    expect(row(res, 'senmonka-buyer').verdict).toBe('ineligible');
  });
});

describe('事業承継・引継ぎ補助金 2025 (002): 廃業・再チャレンジ事業 2/3, 50〜150万円', () => {
  it('60万円 → 40万円 is below 50万円; 75万円 → 50万円; 300万円 → 150万円', () => {
    expect(amountFor(SH, 'haigyo', { expenseYen: 600_000 }).eligible).toBe(false);
    expect(amountFor(SH, 'haigyo', { expenseYen: 750_000 }).yen).toBe(500_000);
    const a = amountFor(SH, 'haigyo', { expenseYen: 3_000_000 });
    expect(a.yen).toBe(1_500_000);
    expect(a.selfPayYen).toBe(1_500_000);
  });
  it('requires a 廃業 (answer no → 対象外)', () => {
    const res = matchFor({ prefecture: '石川県', industry: 'retail', employees: 3, expenseYen: 1_000_000, date: '2025-03-10', answers: { shokei_haigyo: 'no' } });
    expect(row(res, 'haigyo').verdict).toBe('ineligible');
  });
});

describe('事業承継・引継ぎ補助金 R5補正 (003): ranges only → 1/2 and the table maximum, with doubts', () => {
  const E = { edition: 'r5-hosei' };
  it.each(KAKUSHIN)('経営革新枠 %s: 〜800万円 — 1,000万円 → 500万円 (1/2); 2,000万円 → 800万円', (id) => {
    expect(amountFor(SH, id, { ...E, expenseYen: 10_000_000 }).yen).toBe(5_000_000);
    expect(amountFor(SH, id, { ...E, expenseYen: 20_000_000 }).yen).toBe(8_000_000);
    expect(track(SH, id, 'r5-hosei').doubts!.some((d) => d.affects === 'amount')).toBe(true);
  });
  it.each(SENMONKA)('専門家活用枠 %s: 〜600万円 — 400万円 → 200万円; 2,000万円 → 600万円', (id) => {
    expect(amountFor(SH, id, { ...E, expenseYen: 4_000_000 }).yen).toBe(2_000_000);
    expect(amountFor(SH, id, { ...E, expenseYen: 20_000_000 }).yen).toBe(6_000_000);
    expect(track(SH, id, 'r5-hosei').doubts!.some((d) => d.affects === 'amount')).toBe(true);
  });
  it('廃業・再チャレンジ枠 〜150万円: 200万円 → 100万円; 400万円 → 150万円', () => {
    expect(amountFor(SH, 'haigyo', { ...E, expenseYen: 2_000_000 }).yen).toBe(1_000_000);
    expect(amountFor(SH, 'haigyo', { ...E, expenseYen: 4_000_000 }).yen).toBe(1_500_000);
    expect(track(SH, 'haigyo', 'r5-hosei').doubts).toHaveLength(1);
  });
  it('R5補正: no schedule in the document → tbd', () => {
    expect(program(SH).editions.find((e) => e.id === 'r5-hosei')!.application.kind).toBe('tbd');
  });
});
