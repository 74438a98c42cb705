// Schema of knowledge/taxonomy/*.yaml (build time only, like schema.ts).
import { z } from 'zod';
import { Question, SourceFileName } from './schema';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

export const SizeCategoryId = z.enum([
  'manufacturing_other',
  'wholesale',
  'retail',
  'service',
  'rubber',
  'software',
  'ryokan',
  'amusement',
]);

type IndustryNodeT = {
  id: string;
  jsic?: string;
  label: string;
  sizeCategory?: z.infer<typeof SizeCategoryId>;
  synonyms?: string[];
  children?: IndustryNodeT[];
};
export const IndustryNode: z.ZodType<IndustryNodeT> = z.lazy(() =>
  z.object({
    id: Id,
    jsic: z.string().regex(/^[A-T]$/).optional(),
    label: z.string(),
    sizeCategory: SizeCategoryId.optional(),
    synonyms: z.array(z.string()).optional(),
    children: z.array(IndustryNode).optional(),
  }),
);
export const IndustryFile = z.object({ industries: z.array(IndustryNode).length(20) });

type GoalNodeT = { id: string; label: string; synonyms?: string[]; children?: GoalNodeT[] };
export const GoalNode: z.ZodType<GoalNodeT> = z.lazy(() =>
  z.object({
    id: Id,
    label: z.string(),
    synonyms: z.array(z.string()).optional(),
    children: z.array(GoalNode).optional(),
  }),
);
export const GoalFile = z.object({ goals: z.array(GoalNode).min(1) });

export const SizeClassFile = z.object({
  categories: z.array(
    z.object({
      id: SizeCategoryId,
      label: z.string(),
      capitalYen: z.number().int().positive(),
      employees: z.number().int().positive(),
      smallEmployees: z.number().int().positive(),
    }),
  ),
  classes: z.array(
    z.object({
      id: z.enum(['small', 'sme', 'large', 'unknown']),
      label: z.string(),
      /** The class named inside a reason: 小規模企業者, 中小企業者, 大企業. */
      short: z.string(),
    }),
  ),
  source: z.object({ law: z.string(), note: z.string() }),
});

export const RegionFile = z.object({
  prefectures: z
    .array(
      z.object({
        name: z.string().regex(/(都|道|府|県)$/),
        short: z.string(),
        municipalities: z.array(z.string()).optional(),
      }),
    )
    .length(47),
});

export const QuestionFile = z.object({ questions: z.array(Question) });

/** sources.yaml: the title of every source document, keyed by file name. */
export const SourceFile = z.object({
  sources: z.record(SourceFileName, z.object({ title: z.string().min(1) })),
});

/** program-kinds.yaml: the kinds a program may have, in listing order. */
export const ProgramKindFile = z.object({
  programKinds: z.array(z.object({ id: Id, label: z.string().min(1) })).min(1),
});

const MenuItem = <T extends z.ZodType>(value: T) => z.object({ label: z.string().min(1), value });

/** menus.yaml: the buttons offered for each profile question. */
export const MenuFile = z.object({
  menus: z.object({
    industries: z.array(z.object({ label: z.string().min(1), id: Id })).min(1),
    goals: z.array(z.object({ label: z.string().min(1), id: Id })).min(1),
    employees: z.array(MenuItem(z.number().int().nonnegative())).min(1),
    /** null: 「まだ分からない」. */
    expenses: z.array(MenuItem(z.number().int().positive().nullable())).min(1),
    capital: z.array(MenuItem(z.number().int().positive())).min(1),
  }),
});
