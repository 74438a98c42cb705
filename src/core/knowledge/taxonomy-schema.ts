// Schema of knowledge/taxonomy/*.yaml (build time only, like schema.ts).
import { z } from 'zod';
import { Question } from './schema';

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
  classes: z.array(z.object({ id: z.enum(['small', 'sme', 'large', 'unknown']), label: z.string() })),
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
