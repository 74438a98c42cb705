// The compiled knowledge base, as the Worker loads it (knowledge/dist/knowledge.json).
import type { Program, Question } from './schema';

export type { Program, Question };
export type {
  AmountRule,
  Application,
  Benefit,
  CapSpec,
  CapValue,
  Condition,
  Contact,
  Doubt,
  Edition,
  RateSpec,
  Requirement,
  Source,
  Target,
  Track,
} from './schema';

export type SizeCategoryId =
  | 'manufacturing_other'
  | 'wholesale'
  | 'retail'
  | 'service'
  | 'rubber'
  | 'software'
  | 'ryokan'
  | 'amusement';

export interface Industry {
  id: string;
  label: string;
  jsic?: string;
  parentId?: string;
  sizeCategory: SizeCategoryId;
  synonyms: string[];
}

export interface Goal {
  id: string;
  label: string;
  parentId?: string;
  synonyms: string[];
}

export interface SizeCategory {
  id: SizeCategoryId;
  label: string;
  capitalYen: number;
  employees: number;
  smallEmployees: number;
}

export interface Prefecture {
  name: string;
  short: string;
  municipalities: string[];
}

export interface Knowledge {
  industries: Industry[];
  goals: Goal[];
  sizeCategories: SizeCategory[];
  sizeClassLabels: Record<'small' | 'sme' | 'large' | 'unknown', string>;
  questions: Question[];
  prefectures: Prefecture[];
  programs: Program[];
}
