// One step per slot: the question, its choices, and what it needs to be asked.
import type { Knowledge } from '../core/knowledge/types';
import { sizeClassOf } from '../core/size-class';
import type { QuestionView } from '../core/questions';
import type { Choice, Slots, Step } from './types';

export interface StepPrompt {
  id: string;
  label: string;
  choices: Choice[];
}

const PREFECTURES_WITH_LOCAL = (k: Knowledge) => [...new Set(k.programs.flatMap((p) => (p.region ? [p.region.prefecture] : [])))];

export const INDUSTRY_CHOICES: [string, string][] = [
  ['製造業', 'manufacturing'],
  ['建設業', 'construction'],
  ['卸売業', 'wholesale'],
  ['小売業', 'retail'],
  ['飲食業', 'restaurants'],
  ['宿泊業', 'accommodation'],
  ['情報サービス業', 'information-services'],
  ['デザイン業', 'design'],
  ['運輸業', 'transport'],
  ['医療・福祉', 'medical-welfare'],
  ['生活関連サービス', 'personal-services'],
  ['その他のサービス業', 'other-services'],
];

export const GOAL_CHOICES: [string, string][] = [
  ['販路開拓・展示会', 'sales-expansion'],
  ['海外展開', 'overseas'],
  ['新製品の開発', 'new-product'],
  ['設備投資・省力化', 'labor-saving'],
  ['IT導入・DX', 'it-tools'],
  ['人材育成・研修', 'human-resources'],
  ['採用・人材確保', 'recruitment'],
  ['事業承継', 'business-succession'],
  ['創業', 'startup'],
  ['資金繰り・融資', 'cash-flow'],
  ['省エネ', 'energy-saving'],
  ['専門家に相談', 'consultation'],
  ['特に決めていない', 'none'],
];

export const EMPLOYEE_CHOICES: [string, number][] = [
  ['0〜5人', 5],
  ['6〜20人', 20],
  ['21〜50人', 50],
  ['51〜100人', 100],
  ['101〜300人', 300],
  ['301人以上', 301],
];

export const EXPENSE_CHOICES: [string, number | 'skip'][] = [
  ['50万円', 500_000],
  ['100万円', 1_000_000],
  ['300万円', 3_000_000],
  ['500万円', 5_000_000],
  ['1,000万円', 10_000_000],
  ['3,000万円', 30_000_000],
  ['まだ分からない', 'skip'],
];

const CAPITAL_CHOICES: [string, number][] = [
  ['5,000万円以下', 50_000_000],
  ['1億円以下', 100_000_000],
  ['3億円以下', 300_000_000],
  ['3億円超', 300_000_001],
];

/** Does the prefecture have municipal programs, so that the municipality matters? */
export function municipalitiesWithPrograms(k: Knowledge, prefecture: string): string[] {
  return [...new Set(k.programs.flatMap((p) => (p.region?.prefecture === prefecture && p.region.municipality ? [p.region.municipality] : [])))];
}

export function needsCapital(k: Knowledge, slots: Slots): boolean {
  if (slots.industry === undefined || slots.employees === undefined || slots.capitalYen !== undefined) return false;
  const industry = k.industries.find((i) => i.id === slots.industry);
  return industry !== undefined && sizeClassOf(k, industry, slots.employees).sizeClass === 'unknown';
}

export function promptFor(k: Knowledge, step: Step, slots: Slots, followUp?: QuestionView): StepPrompt {
  switch (step) {
    case 'region':
      return {
        id: 'region',
        label: '事業所の所在地（都道府県と市区町村）を教えてください。例：「石川県金沢市」',
        choices: [
          ...PREFECTURES_WITH_LOCAL(k).flatMap((p) => municipalitiesWithPrograms(k, p).map((m) => ({ label: `${p}${m}`.slice(0, 20), value: `s:muni:${p}:${m}` }))),
          ...PREFECTURES_WITH_LOCAL(k).map((p) => ({ label: `${p}（その他）`, value: `s:muni:${p}:その他` })),
        ],
      };
    case 'municipality': {
      const pref = slots.prefecture ?? '';
      return {
        id: 'municipality',
        label: `${pref}のどちらの市区町村ですか？`,
        choices: [...municipalitiesWithPrograms(k, pref).map((m) => ({ label: m, value: `s:muni:${pref}:${m}` })), { label: 'その他の市区町村', value: `s:muni:${pref}:その他` }],
      };
    }
    case 'industry':
      return { id: 'industry', label: '業種を教えてください。', choices: INDUSTRY_CHOICES.map(([label, id]) => ({ label, value: `s:ind:${id}` })) };
    case 'employees':
      return {
        id: 'employees',
        label: '常時雇用している従業員は何人ですか？（役員・パートの扱いは各制度の定義によります）',
        choices: EMPLOYEE_CHOICES.map(([label, n]) => ({ label, value: `s:emp:${n}` })),
      };
    case 'capital':
      return {
        id: 'capital',
        label: '従業員数が中小企業の基準を超えるため、資本金（出資の総額）を教えてください。',
        choices: CAPITAL_CHOICES.map(([label, n]) => ({ label, value: `s:cap:${n}` })),
      };
    case 'goal':
      return { id: 'goal', label: '補助金などを使って、何をしたいですか？', choices: GOAL_CHOICES.map(([label, id]) => ({ label, value: `s:goal:${id}` })) };
    case 'expense':
      return {
        id: 'expense',
        label: '予定している経費（税抜）はおいくらですか？補助額の目安を計算します。例：「300万円」',
        choices: EXPENSE_CHOICES.map(([label, v]) => ({ label, value: `s:exp:${v}` })),
      };
    case 'answered':
      return { id: 'answered', label: '条件を変えて調べ直すこともできます。', choices: [] };
    default: {
      const q = followUp!;
      const choices =
        q.type === 'choice' && q.choices
          ? q.choices.map((c) => ({ label: c.label.slice(0, 20), value: `a:${q.id}:${c.value}` }))
          : [];
      return { id: q.id, label: q.label, choices: [...choices, { label: '分からない', value: `a:${q.id}:__skip` }] };
    }
  }
}
