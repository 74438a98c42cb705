// The knowledge base: its data as knowledge/dist/knowledge.json holds it (KnowledgeData),
// and compiled for queries (Knowledge = the data + `ix`, see compile.ts).
import type { KnowledgeIndex } from './compile';
import type { Program, Question } from './schema';
import type { KnowledgeRelease } from './releases';

export type { KnowledgeIndex };

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

export type SizeClassId = 'small' | 'sme' | 'large' | 'unknown';

/** A kind of program (knowledge/taxonomy/program-kinds.yaml): subsidy 補助金, loan 融資… */
export interface ProgramKind {
  id: string;
  label: string;
}

/** The buttons offered for each profile question (knowledge/taxonomy/menus.yaml), in display order. */
export interface Menus {
  industries: { label: string; id: string }[];
  /** Goal id `none` stands for 「特に決めていない」. */
  goals: { label: string; id: string }[];
  employees: { label: string; value: number }[];
  /** `null`: 「まだ分からない」. */
  expenses: { label: string; value: number | null }[];
  capital: { label: string; value: number }[];
}

/** The knowledge base as knowledge.json holds it. Compile it (compileKnowledge) before querying. */
export interface KnowledgeData {
  industries: Industry[];
  goals: Goal[];
  sizeCategories: SizeCategory[];
  /** As the profile shows the class: 中小企業者（小規模企業者を除く）. */
  sizeClassLabels: Record<SizeClassId, string>;
  /** As a reason names the class: 中小企業者. */
  sizeClassShortLabels: Record<SizeClassId, string>;
  questions: Question[];
  prefectures: Prefecture[];
  programs: Program[];
  programKinds: ProgramKind[];
  /** Source documents by file name (`source.file`). */
  sources: Record<string, { title: string }>;
  menus: Menus;
  /** The releases of the knowledge base, oldest first (knowledge/releases.yaml): its version and change lists. */
  releases?: KnowledgeRelease[];
}

/** The knowledge base ready for queries: the data and its lookups, built once (compileKnowledge). */
export interface Knowledge extends KnowledgeData {
  readonly ix: KnowledgeIndex;
}
