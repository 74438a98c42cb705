// Issue 14, 「Fidelity fixes」: answers that said more (or other) than the source documents.
import { describe, expect, it } from 'vitest';
import { matchPrograms, type MatchRow } from '../../src/core/match';
import { buildProfile, type ProfileRequest } from '../../src/core/profile';
import { answerFreeQuestion } from '../../src/dialogue/faq';
import { knowledge } from '../helpers';

function match(req: ProfileRequest, trackExpenses?: Record<string, number>, date = '2024-05-01'): MatchRow[] {
  const built = buildProfile(knowledge, req);
  if ('errors' in built) throw new Error(built.errors.map((e) => e.messageEn).join('; '));
  return matchPrograms(knowledge, built.profile, { date, ...(trackExpenses ? { trackExpenses } : {}) });
}

function row(rows: MatchRow[], programId: string, trackId: string): MatchRow {
  const r = rows.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}/${trackId}`);
  return r;
}

describe('ひたちなか 新製品等開発事業: 人件費 only for 情報サービス業 (004: 「情報サービス業を営む者に係る人件費に限ります」)', () => {
  const req = (industry: string): ProfileRequest => ({
    prefecture: '茨城県',
    municipality: 'ひたちなか市',
    industry,
    employees: 10,
    expenseYen: 3_000_000,
    answers: { hitachinaka_personnel_cost_yen: 1_000_000 },
  });

  it('a manufacturer: 3,000,000円 including 1,000,000円 of 人件費 → 2,000,000円 × 1/2 = 1,000,000円; 情報サービス業 → 1,500,000円', () => {
    const a = row(match(req('manufacturing')), 'hitachinaka-business-revitalization', 'new-product-iot-ai').amount!;
    expect(a.eligibleExpenseYen).toBe(2_000_000);
    expect(a.yen).toBe(1_000_000);
    expect(a.explanation.join('\n')).toContain('対象外の経費：1,000,000円（人件費は情報サービス業（中分類39）の方のみ対象です）');
    // 情報サービス業: 人件費 counts, up to the other expenses (2,000,000円).
    const services = row(match(req('information-services')), 'hitachinaka-business-revitalization', 'new-product-iot-ai').amount!;
    expect([services.yen, services.doubtful]).toEqual([1_500_000, false]);
  });

  it('情報通信業 (broader): computed with 人件費 but 要確認', () => {
    const a = row(match(req('information-communications')), 'hitachinaka-business-revitalization', 'new-product-iot-ai').amount!;
    expect(a.yen).toBe(1_500_000);
    expect(a.doubtful).toBe(true);
  });

  it('the 一般型 track follows the same rule: 2,000,000円 × 1/2 = 1,000,000円 (cap 1,000,000円)', () => {
    expect(row(match(req('manufacturing')), 'hitachinaka-business-revitalization', 'new-product-general').amount!.eligibleExpenseYen).toBe(2_000_000);
  });
});

describe('programs only for 小規模事業者', () => {
  it('小売 60人 (above even the 中小企業 line, capital unknown): 対象外 without asking the capital', () => {
    const rows = match({ prefecture: '石川県', industry: 'retail', employees: 60, expenseYen: 1_000_000 }, undefined, '2025-05-01');
    const r = row(rows, 'national-jizokuka', 'tsujo');
    expect(r.verdict).toBe('ineligible');
    expect(r.questions.map((q) => q.id)).not.toContain('capitalYen');
    expect(r.reasons.find((x) => x.criterion === 'size')!.text).toContain('小規模企業者の基準（5人以下）を超えます');
    // A 中小企業 program still asks the capital for the same business.
    expect(row(rows, 'it-donyu', 'normal-1to3').reasons.find((x) => x.criterion === 'size')!.verdict).toBe('check');
  });

  it('a rate 「小規模企業者は2/3」 does not wait for the capital of a business above the 中小企業 line', () => {
    const rows = match({ prefecture: '東京都', industry: 'retail', employees: 60, expenseYen: 10_000_000 }, undefined, '2025-05-01');
    const a = row(rows, 'national-monodukuri', 'global').amount!;
    // 小規模 is impossible: only the 中小企業 question (capital) is left for the size reason, not for the rate.
    expect(a.notes.some((n) => n.includes('小規模企業者の場合は補助率'))).toBe(false);
  });
});

describe('事業承継・引継ぎ補助金 2025 経営革新事業: 「400万円を超え600万円以下の部分は1/2」 has two readings', () => {
  it('9,000,000円: 5,500,000円 (slices of the subsidy) or 3,666,666円 (slices of the expense), 要確認 with both', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 10, expenseYen: 9_000_000, answers: { shokei_case: 'kotai' } }, undefined, '2025-05-01');
    const a = row(rows, 'jigyo-shokei-hikitsugi', 'keiei-kakushin-kotai').amount!;
    expect(a.yen).toBe(5_500_000);
    expect(a.doubtful).toBe(true);
    const note = a.notes.find((n) => n.includes('経費の区分と読むと'))!;
    expect(note).toContain('補助額の区分と読むと5,500,000円');
    // 4,000,000 × 2/3 + 2,000,000 × 1/2 = 3,666,666.67 → truncated to the yen like every amount.
    expect(note).toContain('経費の区分と読むと3,666,666円');
  });

  it('below the first bound both readings agree: 3,000,000円 → 2,000,000円 both ways', () => {
    const rows = match({ prefecture: '東京都', industry: 'manufacturing', employees: 10, expenseYen: 3_000_000, answers: { shokei_case: 'ma' } }, undefined, '2025-05-01');
    const a = row(rows, 'jigyo-shokei-hikitsugi', 'keiei-kakushin-ma').amount!;
    expect(a.yen).toBe(2_000_000);
    // Both readings give 2,000,000円: nothing to confirm, so no 要確認 and no note with the same figure twice.
    expect(a.notes.find((n) => n.includes('経費の区分と読むと'))).toBeUndefined();
    expect(a.doubtful).toBe(false);
  });
});

describe('free questions carry the same doubts as the cards', () => {
  it('「ものづくり補助金の補助率は？」 does not state 1/2 flatly', () => {
    const text = answerFreeQuestion(knowledge, 'ものづくり補助金の補助率は？', '2025-05-01')!.join('\n');
    const line = text.split('\n').find((l) => l.startsWith('・製品・サービス高付加価値化枠'))!;
    expect(line).toContain('要確認');
    expect(line).toContain('2/3(中小企業は2/3)');
    // A track without doubts stays as it was.
    const itText = answerFreeQuestion(knowledge, 'IT導入補助金の補助率は？', '2025-05-01')!.join('\n');
    expect(itText.split('\n').find((l) => l.startsWith('・通常枠（1プロセス以上）'))).not.toContain('要確認');
  });
});

describe('高岡 ② カーボンニュートラル: the two audits share one 30万円 cap (000: one 上限額 for 省エネルギー診断)', () => {
  it('both audits, 300,000円 each: 600,000円 × 2/3 = 400,000円 → 300,000円', () => {
    const rows = match(
      { prefecture: '富山県', municipality: '高岡市', industry: 'manufacturing', employees: 10 },
      { 'takaoka-carbon-neutral:eccj-audit': 300_000, 'takaoka-carbon-neutral:otasuketai-audit': 300_000 },
    );
    const both = row(rows, 'takaoka-carbon-neutral', 'eccj-audit+otasuketai-audit');
    expect(both.amount!.yen).toBe(300_000);
    expect(both.amount!.capApplied).toBe(true);
  });
});
