// Short Japanese summaries of an amount rule (補助率・上限) for cards, tables and
// edition comparisons. The computed amount with its working is in amount.ts.
import { bandLabel } from './bands';
import type { AmountRule, CapSpec, CapValue, RateSpec } from './knowledge/types';
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

function rateSpecText(spec: RateSpec): string {
  if (typeof spec === 'string') return spec;
  return `${spec.default}（${spec.when.map((w) => `${w.label} ${w.rate}`).join('、')}）`;
}

function capValueText(cap: CapValue): string {
  if (typeof cap === 'number') return manYen(cap);
  const bands = cap.byEmployees;
  if (bands.length === 1) return manYen(bands[0]!.yen);
  return bands.map((b, i) => `${bandLabel(bands, i)} ${manYen(b.yen)}${b.doubt ? '（要確認）' : ''}`).join(' / ');
}

function capSpecText(spec: CapSpec): string {
  if (typeof spec === 'number' || 'byEmployees' in spec) return capValueText(spec);
  return `${capValueText(spec.default)}（${spec.when.map((w) => `${w.label} ${capValueText(w.cap)}`).join('、')}）`;
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
