// 中小企業基本法 第2条: 中小企業者 when capital OR employees are within the
// industry's threshold; 小規模企業者 when employees are within the small threshold.
import type { Industry, Knowledge, SizeCategory } from './knowledge/types';
import { group } from './yen';

export type SizeClass = 'small' | 'sme' | 'large' | 'unknown';

export interface SizeClassResult {
  sizeClass: SizeClass;
  label: string;
  category: SizeCategory;
  /** Why, in Japanese (shown to the user). */
  reason: string;
}

const man = (n: number) => (n >= 100_000_000 ? `${n / 100_000_000}億円` : `${group(n / 10_000)}万円`);

export function sizeCategoryOf(k: Knowledge, industry: Industry): SizeCategory {
  const category = k.ix.sizeCategoryById.get(industry.sizeCategory);
  if (!category) throw new Error(`no size category ${industry.sizeCategory}`);
  return category;
}

export function sizeClassOf(
  k: Knowledge,
  industry: Industry,
  employees: number,
  capitalYen?: number,
): SizeClassResult {
  const category = sizeCategoryOf(k, industry);
  const result = (sizeClass: SizeClass, reason: string): SizeClassResult => ({
    sizeClass,
    label: k.sizeClassLabels[sizeClass],
    category,
    reason,
  });
  const limits = `${category.label}の基準は資本金${man(category.capitalYen)}以下または従業員${category.employees}人以下`;
  if (employees <= category.smallEmployees) {
    return result('small', `従業員${employees}人で、${category.label}の小規模企業者の基準（${category.smallEmployees}人以下）に当たります。`);
  }
  if (employees <= category.employees) {
    return result('sme', `従業員${employees}人で、${limits}のうち従業員数の基準を満たします。`);
  }
  if (capitalYen === undefined) {
    return result('unknown', `従業員${employees}人は基準（${category.employees}人以下）を超えるため、資本金（${man(category.capitalYen)}以下か）で判定します。`);
  }
  if (capitalYen <= category.capitalYen) {
    return result('sme', `従業員数は基準を超えますが、資本金${man(capitalYen)}が${man(category.capitalYen)}以下のため中小企業者です。`);
  }
  return result('large', `従業員${employees}人・資本金${man(capitalYen)}で、${limits}のいずれも超えます。`);
}
