// Issue 14, 「Every track reachable」: tracks that only an older edition describes are
// answered from, with their edition and date, and 要確認 (they may have ended).
import { describe, expect, it } from 'vitest';
import { compareRows, matchPrograms, type MatchRow } from '../../src/core/match';
import { buildProfile, type ProfileRequest } from '../../src/core/profile';
import { groupByProgram } from '../../src/dialogue/ranking';
import { knowledge } from '../helpers';
import { Transcript } from '../transcript';

const DATE = '2025-05-01';

function match(req: ProfileRequest, scope: 'all' | 'candidates' = 'all'): MatchRow[] {
  const built = buildProfile(knowledge, req);
  if ('errors' in built) throw new Error(built.errors.map((e) => e.messageEn).join('; '));
  return matchPrograms(knowledge, built.profile, { date: DATE, scope });
}

function row(rows: MatchRow[], programId: string, trackId: string): MatchRow {
  const r = rows.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}/${trackId}`);
  return r;
}

const IT_2024 = 'この枠はIT導入補助金2024（令和5年度補正予算）（2024年3月18日時点）の資料にのみ記載があります。現在も公募されているか窓口でご確認ください';

describe('tracks only an older edition describes', () => {
  it('IT導入 セキュリティ対策推進枠 on 1,000,000円 → 500,000円, 要確認 with the 2024 edition and its date', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 30, goal: 'cybersecurity', expenseYen: 1_000_000 }, 'candidates');
    const r = row(rows, 'it-donyu', 'security');
    expect(r.amount?.yen).toBe(500_000);
    expect(r.amount?.selfPayYen).toBe(500_000);
    expect(r.verdict).toBe('check');
    expect(r.olderEdition).toBe(true);
    expect(r.edition).toEqual({ id: '2024', label: 'IT導入補助金2024（令和5年度補正予算）', asOf: '2024-03-18' });
    expect(r.reasons.some((x) => x.verdict === 'check' && x.text.startsWith(IT_2024))).toBe(true);
  });

  it('IT導入 電子取引類型 for a large company on 4,000,000円 → 2,000,000円 (大企業 1/2), 要確認', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 500, capitalYen: 1_000_000_000, goal: 'invoice', expenseYen: 4_000_000 });
    const r = row(rows, 'it-donyu', 'e-transaction');
    expect(r.amount?.yen).toBe(2_000_000);
    expect(r.verdict).toBe('check');
    // The 2025 tracks stay 対象外 for a large company.
    expect(row(rows, 'it-donyu', 'invoice-software').verdict).toBe('ineligible');
    expect(row(rows, 'it-donyu', 'invoice-software').edition.id).toBe('2025');
  });

  it('IT導入 複数社連携IT導入枠 (①・②) are answered from the 2024 edition', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 30, expenseYen: 1_000_000 });
    expect(row(rows, 'it-donyu', 'multi-company-base').edition.id).toBe('2024');
    expect(row(rows, 'it-donyu', 'multi-company-admin').edition.id).toBe('2024');
  });

  it('ものづくり 18次 省力化（オーダーメイド）枠 and 成長分野進出類型 are reachable; 通常類型 continues as 19次 高付加価値化枠', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 30, expenseYen: 30_000_000 });
    const mono = rows.filter((r) => r.programId === 'national-monodukuri');
    expect(mono.map((r) => `${r.edition.id}:${r.trackId}`).sort()).toEqual(
      ['kobo18:kofukakachi-seicho', 'kobo18:shoryokuka', 'kobo19:global', 'kobo19:kofukakachi'].sort(),
    );
    const seicho = row(rows, 'national-monodukuri', 'kofukakachi-seicho');
    // 30,000,000 × 2/3 = 20,000,000 (cap 25,000,000, itself 要確認).
    expect(seicho.amount?.yen).toBe(20_000_000);
    expect(seicho.verdict).toBe('check');
    expect(seicho.reasons.some((x) => x.text.includes('第18次公募（令和5年度補正、17次は省力化枠のみ）（2024年3月18日時点）の資料にのみ記載があります'))).toBe(true);
  });

  it('a track of the newest edition is never marked as older, and a same-id track of an older edition is not shown twice', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 30, expenseYen: 1_000_000 });
    const itRows = rows.filter((r) => r.programId === 'it-donyu');
    expect(itRows.filter((r) => r.trackId === 'normal-1to3')).toHaveLength(1);
    expect(row(rows, 'it-donyu', 'normal-1to3').edition.id).toBe('2025');
    expect(row(rows, 'it-donyu', 'normal-1to3').olderEdition).toBe(false);
  });

  it('the candidate index reaches a program through an older track\'s goal; other things equal, a current track ranks first', () => {
    const rows = match({ prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: 30, goal: 'labor-saving', expenseYen: 30_000_000 }, 'candidates');
    const mono = row(rows, 'national-monodukuri', 'shoryokuka');
    expect(mono.verdict).toBe('check');
    const twin = { ...mono, programId: 'zz-current', olderEdition: false };
    expect([mono, twin].sort(compareRows).map((r) => r.programId)).toEqual(['zz-current', 'national-monodukuri']);
  });

  it('in the dialogue, words (「ロボット」) do not lift an older track above the current 省力化 programs', () => {
    const t = new Transcript(DATE);
    const r = t.send('金沢市で製造業、従業員30人。省力化のためにロボットを入れたい。費用3000万円');
    const ids = r.cards.map((c) => c.programId);
    expect(ids.indexOf('national-monodukuri')).toBeGreaterThan(ids.indexOf('shoryokuka-catalog'));
    expect(ids.indexOf('shoryokuka-catalog')).toBeGreaterThanOrEqual(0);
  });

  it('an older track is no answer to a goal it only reaches by a broader goal of its own', () => {
    // ものづくり 18次 省力化枠 [省力化, 設備整備] for インボイス対応 (a kind of 設備整備・IT導入).
    const rows = match({ prefecture: '東京都', industry: 'retail', employees: 3, goal: 'invoice', expenseYen: 300_000 });
    expect(row(rows, 'national-monodukuri', 'shoryokuka').verdict).toBe('ineligible');
  });
});

describe('in the dialogue', () => {
  it('one card per program: the security track is the IT card, with its edition and date on the card', () => {
    const t = new Transcript(DATE);
    const r = t.send('金沢市で製造業、従業員30人。サイバーセキュリティ対策をしたい。費用100万円');
    const cards = r.cards.filter((c) => c.programId === 'it-donyu');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.trackId).toBe('security');
    expect(cards[0]!.verdictLabel).toBe('要確認');
    expect(cards[0]!.headline).toBe('補助額の目安 500,000円');
    expect(cards[0]!.reason).toContain(IT_2024);
  });

  it('a budget named for a register is not spent on an older-edition track (電子取引類型, 複数社連携)', () => {
    const t = new Transcript(DATE);
    const r = t.send('金沢市で小売業、従業員3人。インボイス対応のレジを入れたい。費用30万円');
    const card = r.cards.find((c) => c.programId === 'it-donyu')!;
    expect(card.trackId).toBe('invoice-register');
    expect(card.otherTracks).toContain('インボイス枠（電子取引類型）（要確認）');
    expect(card.otherTracks).not.toMatch(/電子取引類型） \d/);
    expect(card.otherTracks).not.toMatch(/複数社連携IT導入枠（①インボイス対応類型と同様の経費） \d/);
    expect(r.cards.some((c) => c.programId === 'national-monodukuri')).toBe(false);
  });

  it('older-edition tracks become other tracks of the program card', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 30, goal: 'invoice', expenseYen: 1_000_000 }, 'candidates');
    const group = groupByProgram(rows).find((g) => g.best.programId === 'it-donyu')!;
    expect(group.best.olderEdition).toBe(false);
    expect(group.others.some((r) => r.trackId === 'e-transaction')).toBe(true);
  });
});
