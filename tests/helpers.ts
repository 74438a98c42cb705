// Shared test helpers: the compiled knowledge base and shortcuts into the engine.
import { subsidyAmount, type SubsidyAmount } from '../src/core/amount';
import type { Answers } from '../src/core/conditions';
import type { Program, Track } from '../src/core/knowledge/types';
import { matchPrograms, newestEdition, type MatchRow } from '../src/core/match';
import { buildProfile, type ProfileRequest } from '../src/core/profile';
import { findIndustry } from '../src/core/taxonomy';
import { sizeClassOf } from '../src/core/size-class';
import { knowledge } from '../src/knowledge';

export { knowledge };

export function program(id: string): Program {
  const p = knowledge.ix.programById.get(id);
  if (!p) throw new Error(`no program ${id}`);
  return p;
}

export function track(programId: string, trackId: string, edition?: string): Track {
  const p = program(programId);
  const e = edition ? p.editions.find((x) => x.id === edition) : newestEdition(p);
  if (!e) throw new Error(`no edition ${edition} in ${programId}`);
  const t = e.tracks.find((x) => x.id === trackId);
  if (!t) throw new Error(`no track ${trackId} in ${programId}/${e.id}`);
  return t;
}

export interface AmountForInput {
  expenseYen: number;
  employees?: number;
  industry?: string;
  capitalYen?: number;
  answers?: Answers;
  edition?: string;
}

export function amountFor(programId: string, trackId: string, input: AmountForInput): SubsidyAmount {
  const t = track(programId, trackId, input.edition);
  if (!t.amount) throw new Error(`track ${programId}/${trackId} has no amount rule`);
  const industry = findIndustry(knowledge, input.industry ?? 'manufacturing');
  if (!industry) throw new Error(`no industry ${input.industry}`);
  const employees = input.employees ?? 10;
  const size = sizeClassOf(knowledge, industry, employees, input.capitalYen);
  return subsidyAmount(t.amount, {
    expenseYen: input.expenseYen,
    employees,
    sizeClass: size.sizeClass,
    answers: input.answers ?? {},
  });
}

export interface MatchForInput extends ProfileRequest {
  date?: string;
  trackExpenses?: Record<string, number>;
}

export function matchFor(input: MatchForInput): { profile: ReturnType<typeof profileOf>; results: MatchRow[] } {
  const profile = profileOf(input);
  return {
    profile,
    results: matchPrograms(knowledge, profile, { date: input.date ?? '2024-05-01', ...(input.trackExpenses ? { trackExpenses: input.trackExpenses } : {}) }),
  };
}

function profileOf(input: ProfileRequest) {
  const built = buildProfile(knowledge, input);
  if ('errors' in built) throw new Error(built.errors.map((e) => e.messageEn).join('; '));
  return { ...built.profile, sizeClass: built.profile.size.sizeClass, sizeClassLabel: built.profile.size.label };
}
