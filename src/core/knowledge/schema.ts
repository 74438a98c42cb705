// Schema of the hand-edited knowledge files (knowledge/**/*.yaml).
// Used at build time only (scripts/knowledge-build.ts); the Worker imports
// the inferred types, never this module's runtime code.
import { z } from 'zod';

/** A rate written as a fraction string: "1/2", "2/3", "9/10". */
export const Rate = z.string().regex(/^\d+\/\d+$/, 'rate must be a fraction such as "1/2"');

/** ISO date (YYYY-MM-DD). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

/**
 * A condition on the business profile and the user's answers. Every key must
 * hold. Special keys: `sizeClass` (small | sme), `employeesAtMost`,
 * `employeesAtLeast`; any other key is a question id whose answer must equal
 * the value (or one of the values).
 */
export const Condition = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string()), z.number(), z.boolean()]),
);

export const RateSpec = z.union([
  Rate,
  z.object({
    default: Rate,
    when: z.array(z.object({ if: Condition, rate: Rate, label: z.string() })).min(1),
  }),
]);

export const EmployeeBand = z.object({
  /** Upper bound of the band (inclusive); omit for the last, open band. */
  maxEmployees: z.number().int().nonnegative().optional(),
  yen: z.number().int().positive(),
  /** The document leaves this band's figure uncertain (garbled table…). */
  doubt: z.string().optional(),
});

export const CapValue = z.union([
  z.number().int().positive(),
  z.object({ byEmployees: z.array(EmployeeBand).min(1) }),
]);

export const CapSpec = z.union([
  CapValue,
  z.object({
    default: CapValue,
    when: z.array(z.object({ if: Condition, cap: CapValue, label: z.string() })).min(1),
  }),
]);

export const Tier = z.object({
  /** Subsidy amount up to which this tier's rate applies; omit on the last tier. */
  upToSubsidyYen: z.number().int().positive().optional(),
  rate: RateSpec,
});

export const AmountRule = z
  .object({
    /** Share of the eligible expense paid. Omit only for flat awards. */
    rate: RateSpec.optional(),
    /** Rates applied to slices of the subsidy amount (replaces `rate`). */
    tiers: z.array(Tier).min(2).optional(),
    /**
     * The document's tiers may also be read as slices of the expense, the last one ending
     * at the cap (「400万円を超え600万円以下の部分は1/2」). The amount is computed on slices
     * of the subsidy, marked 要確認, and the note gives the other reading's figure too.
     */
    tiersAmbiguous: z.boolean().optional(),
    /** Upper limit of the subsidy. */
    cap: CapSpec.optional(),
    /** The cap is exclusive ("150万円未満"). */
    capExclusive: z.boolean().optional(),
    /** Additions to the cap when a condition holds (インボイス特例 +50万円…). */
    capUplifts: z
      .array(z.object({ if: Condition, addYen: z.number().int().positive(), label: z.string() }))
      .optional(),
    /** Cap per person: the cap is perPerson.yen × the answer to perPerson.question. */
    perPerson: z
      .object({ yen: z.number().int().positive(), question: z.string(), label: z.string() })
      .optional(),
    /** The eligible expense must be at least this much (外国語版HP: 30万円以上). */
    minExpenseYen: z.number().int().positive().optional(),
    /** The subsidy must be at least this much (下限額). */
    minSubsidyYen: z.number().int().positive().optional(),
    /**
     * A part of the expense may not exceed the rest of the expense
     * (外注加工費 ≤ 経費総額の5割, 人件費 ≤ 他の経費の合計). The part's amount is
     * the answer to `question` (yen).
     */
    partLimits: z
      .array(
        z.object({
          question: z.string(),
          label: z.string(),
          rule: z.literal('notMoreThanOthers'),
          /**
           * The part is eligible only for these industries (taxonomy ids; a parent covers its
           * children): for any other business it is taken out of the expense (ひたちなか 人件費:
           * 情報サービス業のみ). `label` says so (「人件費は情報サービス業の方のみ対象」).
           */
          onlyFor: z.object({ industries: z.array(z.string()).min(1), label: z.string() }).optional(),
        }),
      )
      .optional(),
    /** A fixed award, independent of the expense (奨励金). */
    flatYen: z.number().int().positive().optional(),
  })
  .refine((a) => a.flatYen !== undefined || a.rate !== undefined || a.tiers !== undefined, {
    message: 'an amount needs rate, tiers or flatYen',
  });

/**
 * Seed file name, e.g. 000_60ef9b750f3fa787.txt, or a jGrants subsidy promoted from an
 * import, jgrants:{id} (both titled in knowledge/taxonomy/sources.yaml).
 */
export const SourceFileName = z
  .string()
  .regex(/^(\d{3}_[0-9a-f]+\.txt|jgrants:[A-Za-z0-9]{1,18})$/, 'a source file name looks like 000_60ef9b750f3fa787.txt or jgrants:a0WJ200000CDWaWMAX');

export const Source = z.object({
  file: SourceFileName,
  section: z.string().min(1),
  /** A short quote of the figures, as written in the document. */
  quote: z.string().min(1),
});

export const Doubt = z.object({
  text: z.string().min(1),
  affects: z.enum(['eligibility', 'amount', 'status']),
});

export const Requirement = z.object({
  /** Question id (knowledge/taxonomy/questions.yaml). */
  question: z.string(),
  /** Accepted answers; any other answer makes the track 対象外. */
  accept: z.array(z.string()).min(1),
  /** The requirement in Japanese, as the reason shows it. */
  label: z.string(),
});

export const Window = z.object({
  label: z.string().optional(),
  start: IsoDate.optional(),
  end: IsoDate,
  /** The original text, e.g. 令和6年4月1日(月)～令和6年6月28日(金) */
  text: z.string(),
});

export const Application = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window'), windows: z.array(Window).min(1), note: z.string().optional() }),
  z.object({
    kind: z.literal('rolling'),
    /** Rolling until this date (e.g. the end of the fiscal year the document covers). */
    until: IsoDate.optional(),
    /**
     * Where `until` comes from: the document states it (default), or it is the end of the
     * fiscal year the document covers (the document gives no date): then the bot says
     * 「令和7年度の制度です（年度末まで）」 instead of a firm date.
     */
    untilSource: z.enum(['document', 'fiscal-year']).optional(),
    text: z.string(),
  }),
  z.object({ kind: z.literal('tbd'), text: z.string() }),
]);

export const Benefit = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('loan'),
    limit: z.string(),
    limitYen: z.number().int().positive().optional(),
    rate: z.string(),
    term: z.string(),
    grace: z.string().optional(),
    collateral: z.string().optional(),
    lender: z.string(),
  }),
  z.object({ kind: z.literal('tax'), text: z.string() }),
  z.object({ kind: z.literal('service'), text: z.string() }),
]);

export const IndustryTarget = z.object({
  /** Eligible industries (taxonomy ids; a parent id covers its children). */
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  /**
   * Industries outside `include` are eligible only if this question is
   * answered yes (e.g. その他の業種でものづくりに関連する事業).
   */
  othersIf: z.string().optional(),
});

export const Target = z.object({
  /** small = 小規模企業者 only; sme = 中小企業者 (includes small); any = no size limit. */
  sizeClasses: z.array(z.enum(['small', 'sme', 'large'])).optional(),
  industries: IndustryTarget.optional(),
  requirements: z.array(Requirement).optional(),
  /** Conditions that cannot be asked in chat; shown as notes, do not change the verdict. */
  conditions: z.array(z.string()).optional(),
  /** An employee band the program states itself (Jグランツ 「20名以下」), beside or instead of sizeClasses. */
  employees: z.object({ atMost: z.number().int().nonnegative().optional(), atLeast: z.number().int().nonnegative().optional(), text: z.string() }).optional(),
});

export const Track = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    summary: z.string().optional(),
    goals: z.array(z.string()).optional(),
    target: Target.optional(),
    amount: AmountRule.optional(),
    benefit: Benefit.optional(),
    expenseKinds: z.array(z.string()).optional(),
    application: Application.optional(),
    /** Tracks with the same combineGroup may be claimed together (sum, highest cap applies). */
    combineGroup: z.string().optional(),
    /**
     * On a track of an older edition: the id of the newer edition's track that continues it
     * under another id. Without it (and without a newer track of the same id), the older
     * track is answered from on its own, with its edition and 要確認.
     */
    supersededBy: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
    limits: z.string().optional(),
    notes: z.array(z.string()).optional(),
    doubts: z.array(Doubt).optional(),
    source: Source,
  })
  .refine((t) => !(t.amount && t.benefit), { message: 'a track has either amount or benefit, not both' });

export const Edition = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** e.g. 第19次公募, 令和6年度 */
  label: z.string(),
  /** Date of the information (document date, or inferred; see asOfNote). */
  asOf: IsoDate,
  asOfNote: z.string().optional(),
  application: Application,
  tracks: z.array(Track).min(1),
  notes: z.array(z.string()).optional(),
  doubts: z.array(Doubt).optional(),
  source: Source,
});

export const Contact = z.object({
  name: z.string(),
  tel: z.string().optional(),
  fax: z.string().optional(),
  email: z.string().optional(),
  url: z.string().optional(),
  note: z.string().optional(),
});

export const Program = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  /** An id from knowledge/taxonomy/program-kinds.yaml (checked by knowledge:check). */
  kind: z.string().regex(/^[a-z][a-z-]*$/),
  issuer: z.object({ name: z.string(), level: z.enum(['national', 'prefecture', 'municipality']) }),
  /** Omit for 全国. */
  region: z.object({ prefecture: z.string(), municipality: z.string().optional() }).optional(),
  summary: z.string(),
  goals: z.array(z.string()).min(1),
  target: Target.default({}),
  editions: z.array(Edition).min(1),
  contacts: z.array(Contact).default([]),
  notes: z.array(z.string()).optional(),
});

export const Question = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  /** The question as the bot asks it (です・ます). */
  label: z.string(),
  /** Short label for reasons and tables, e.g. 赤字 */
  short: z.string(),
  type: z.enum(['choice', 'yen', 'count']),
  choices: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  help: z.string().optional(),
});

export const ProgramFile = z.object({
  /** Questions specific to this file's programs (ids must be unique across all files). */
  questions: z.array(Question).optional(),
  programs: z.array(Program).min(1),
});
export type Question = z.infer<typeof Question>;

export type RateSpec = z.infer<typeof RateSpec>;
export type CapValue = z.infer<typeof CapValue>;
export type CapSpec = z.infer<typeof CapSpec>;
export type Condition = z.infer<typeof Condition>;
export type AmountRule = z.infer<typeof AmountRule>;
export type Source = z.infer<typeof Source>;
export type Doubt = z.infer<typeof Doubt>;
export type Requirement = z.infer<typeof Requirement>;
export type Application = z.infer<typeof Application>;
export type Benefit = z.infer<typeof Benefit>;
export type Target = z.infer<typeof Target>;
export type Track = z.infer<typeof Track>;
export type Edition = z.infer<typeof Edition>;
export type Contact = z.infer<typeof Contact>;
export type Program = z.infer<typeof Program>;
