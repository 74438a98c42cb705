// Short Japanese summaries of an amount rule (補助率・上限) for cards, tables and
// edition comparisons. The computed amount with its working is in amount.ts.
import { capAlternatives, capBands, rateAlternatives, walkAmountRule, type Alternatives } from './amount-rule';
import { bandLabel } from './bands';
import type { AmountRule, CapSpec, CapValue, Edition, RateSpec, Track } from './knowledge/types';
import { manYen } from './yen';

export function rateSummary(rule: AmountRule): string {
  if (rule.flatYen !== undefined) return `定額 ${manYen(rule.flatYen)}`;
  if (rule.tiers) {
    return rule.tiers
      .map((t) => (t.upToSubsidyYen !== undefined ? `補助額${manYen(t.upToSubsidyYen)}まで ${rateSpecText(t.rate)}` : `超える部分 ${rateSpecText(t.rate)}`))
      .join('、');
  }
  return rule.rate ? rateSpecText(rule.rate) : '';
}

/** 「default（label value、…）」, or the default alone when nothing alters it. */
function alternativesText<T>(alt: Alternatives<T>, text: (v: T) => string): string {
  if (alt.when.length === 0) return text(alt.default);
  return `${text(alt.default)}（${alt.when.map((w) => `${w.label} ${text(w.value)}`).join('、')}）`;
}

function rateSpecText(spec: RateSpec): string {
  return alternativesText(rateAlternatives(spec), (r) => r);
}

function capValueText(cap: CapValue): string {
  const bands = capBands(cap);
  if (bands.length === 1) return manYen(bands[0]!.yen);
  return bands.map((b, i) => `${bandLabel(bands, i)} ${manYen(b.yen)}${b.doubt ? '（要確認）' : ''}`).join(' / ');
}

function capSpecText(spec: CapSpec): string {
  return alternativesText(capAlternatives(spec), capValueText);
}

export function capSummary(rule: AmountRule): string {
  const parts: string[] = [];
  if (rule.cap !== undefined) parts.push(capSpecText(rule.cap) + (rule.capExclusive ? '未満' : ''));
  if (rule.perPerson) parts.push(`${rule.perPerson.label}${manYen(rule.perPerson.yen)}`);
  for (const u of rule.capUplifts ?? []) parts.push(`${u.label} +${manYen(u.addYen)}`);
  if (rule.minSubsidyYen !== undefined) parts.push(`下限${manYen(rule.minSubsidyYen)}`);
  if (rule.minExpenseYen !== undefined) parts.push(`対象経費${manYen(rule.minExpenseYen)}以上`);
  return parts.join('、') || (rule.flatYen !== undefined ? manYen(rule.flatYen) : '上限の定めなし');
}

/**
 * What the source leaves open about a track's amount, as the card's 要確認 says it: the
 * edition's and the track's amount doubts, doubtful cap bands, and tiers with two readings.
 */
export function amountDoubts(edition: Edition, track: Track): string[] {
  const out = [...(edition.doubts ?? []), ...(track.doubts ?? [])].filter((d) => d.affects === 'amount').map((d) => d.text);
  if (track.amount) {
    walkAmountRule(track.amount, (n) => {
      if (n.kind === 'cap') for (const b of capBands(n.value)) if (b.doubt) out.push(b.doubt);
    });
    const bound = track.amount.tiers?.[0]?.upToSubsidyYen;
    if (track.amount.tiersAmbiguous && bound !== undefined)
      out.push(`「${manYen(bound)}を超える部分」が補助額の区分か経費の区分か、資料からは分かりません（補助額の区分として計算しています）。`);
  }
  return [...new Set(out)];
}
