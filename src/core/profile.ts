// Turns a request's raw fields (ids, labels or synonyms) into a matching Profile,
// or field errors in Japanese and English naming the accepted values.
import type { Answers } from './conditions';
import type { Profile } from './eligibility';
import type { Knowledge } from './knowledge/types';
import { sizeClassOf } from './size-class';
import { findGoal, findIndustry, findMunicipality, findPrefecture } from './taxonomy';

export interface ProfileRequest {
  prefecture?: string;
  municipality?: string;
  industry: string;
  employees: number;
  capitalYen?: number;
  goal?: string | string[];
  expenseYen?: number;
  answers?: Answers;
}

export interface FieldError {
  field: string;
  message: string;
  messageEn: string;
  accepted?: string[];
}

export function buildProfile(k: Knowledge, req: ProfileRequest): { profile: Profile } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  let prefecture = req.prefecture ? findPrefecture(k, req.prefecture) : undefined;
  let municipality: string | undefined;
  if (req.municipality) {
    const m = findMunicipality(k, req.municipality, prefecture?.name);
    if (m) {
      prefecture ??= m.prefecture;
      municipality = m.name;
    } else {
      municipality = req.municipality.normalize('NFKC').trim();
    }
  }
  if (!prefecture) {
    errors.push({
      field: 'prefecture',
      message: req.prefecture ? `都道府県「${req.prefecture}」が分かりません。` : '都道府県を指定してください。',
      messageEn: req.prefecture ? `unknown prefecture "${req.prefecture}"` : 'prefecture is required',
      accepted: k.prefectures.map((p) => p.name),
    });
  }
  const industry = findIndustry(k, req.industry);
  if (!industry) {
    errors.push({
      field: 'industry',
      message: `業種「${req.industry}」が分かりません。業種のIDまたは名称を指定してください。`,
      messageEn: `unknown industry "${req.industry}": use an industry id, label or synonym from GET /api/v1/taxonomy`,
      accepted: k.industries.map((i) => `${i.id} (${i.label})`),
    });
  }
  const goals: string[] = [];
  for (const g of req.goal === undefined ? [] : Array.isArray(req.goal) ? req.goal : [req.goal]) {
    const goal = findGoal(k, g);
    if (goal) goals.push(goal.id);
    else
      errors.push({
        field: 'goal',
        message: `目的「${g}」が分かりません。`,
        messageEn: `unknown goal "${g}": use a goal id, label or synonym from GET /api/v1/taxonomy`,
        accepted: k.goals.map((x) => `${x.id} (${x.label})`),
      });
  }
  if (errors.length > 0 || !prefecture || !industry) return { errors };
  return {
    profile: {
      prefecture: prefecture.name,
      ...(municipality ? { municipality } : {}),
      industry,
      employees: req.employees,
      ...(req.capitalYen !== undefined ? { capitalYen: req.capitalYen } : {}),
      size: sizeClassOf(k, industry, req.employees, req.capitalYen),
      goals,
      ...(req.expenseYen !== undefined ? { expenseYen: req.expenseYen } : {}),
      answers: req.answers ?? {},
    },
  };
}
