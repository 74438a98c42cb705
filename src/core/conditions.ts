// Three-valued evaluation of knowledge-base conditions (`if:` objects).
import type { Condition } from './knowledge/types';
import type { SizeClass } from './size-class';

export type Answers = Record<string, string | number>;

export interface ConditionContext {
  sizeClass: SizeClass;
  employees?: number;
  answers: Answers;
}

export type Truth = { value: true } | { value: false } | { value: 'unknown'; missing: string[] };

const TRUE: Truth = { value: true };
const FALSE: Truth = { value: false };

export function evaluate(cond: Condition, ctx: ConditionContext): Truth {
  const missing: string[] = [];
  for (const [key, expected] of Object.entries(cond)) {
    const t = evaluateKey(key, expected, ctx);
    if (t.value === false) return FALSE;
    if (t.value === 'unknown') missing.push(...t.missing);
  }
  return missing.length > 0 ? { value: 'unknown', missing } : TRUE;
}

function evaluateKey(key: string, expected: Condition[string], ctx: ConditionContext): Truth {
  switch (key) {
    case 'sizeClass': {
      const wanted = Array.isArray(expected) ? expected.map(String) : [String(expected)];
      // Unknown means the headcount is above the 中小企業 line: only the capital can decide
      // sme or large, and no capital makes such a business 小規模.
      if (ctx.sizeClass === 'unknown') return wanted.some((w) => w !== 'small') ? { value: 'unknown', missing: ['capitalYen'] } : FALSE;
      // 小規模企業者 are also 中小企業者.
      const ok = wanted.some((w) => w === ctx.sizeClass || (w === 'sme' && ctx.sizeClass === 'small'));
      return ok ? TRUE : FALSE;
    }
    case 'employeesAtMost':
    case 'employeesAtLeast': {
      if (ctx.employees === undefined) return { value: 'unknown', missing: ['employees'] };
      const n = Number(expected);
      return (key === 'employeesAtMost' ? ctx.employees <= n : ctx.employees >= n) ? TRUE : FALSE;
    }
    default: {
      const answer = ctx.answers[key];
      if (answer === undefined || answer === '') return { value: 'unknown', missing: [key] };
      const wanted = Array.isArray(expected) ? expected.map(String) : [String(expected)];
      return wanted.includes(String(answer)) ? TRUE : FALSE;
    }
  }
}

/** Question ids a condition reads (for listing the questions that matter). */
export function conditionQuestions(cond: Condition): string[] {
  return Object.keys(cond).filter((k) => k !== 'sizeClass' && k !== 'employeesAtMost' && k !== 'employeesAtLeast');
}
