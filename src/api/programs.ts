// Program listing and detail views: the knowledge entry plus what the caller
// needs to act on it (status today, questions each track may need).
import { trackQuestionIds } from '../core/eligibility';
import type { Knowledge, Program } from '../core/knowledge/types';
import { capSummary, rateSummary } from '../core/describe';
import { editionChanges } from '../core/editions';
import { newestEdition } from '../core/match';
import type { FieldError } from '../core/profile';
import { questionsFor } from '../core/questions';
import { applicationStatus } from '../core/status';
import { findGoal, findPrefecture, normalize, related } from '../core/taxonomy';

export interface ProgramFilter {
  kind?: string;
  prefecture?: string;
  goal?: string;
  q?: string;
}

export function filterPrograms(k: Knowledge, f: ProgramFilter): { list: Program[] } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (f.kind && !k.programKinds.some((x) => x.id === f.kind))
    errors.push({ field: 'kind', message: `種類「${f.kind}」は指定できません。`, messageEn: 'unknown kind', accepted: k.programKinds.map((x) => x.id) });
  const pref = f.prefecture ? findPrefecture(k, f.prefecture) : undefined;
  if (f.prefecture && !pref) errors.push({ field: 'prefecture', message: `都道府県「${f.prefecture}」が分かりません。`, messageEn: 'unknown prefecture', accepted: k.prefectures.map((p) => p.name) });
  const goal = f.goal ? findGoal(k, f.goal) : undefined;
  if (f.goal && !goal) errors.push({ field: 'goal', message: `目的「${f.goal}」が分かりません。`, messageEn: 'unknown goal', accepted: k.goals.map((g) => g.id) });
  if (errors.length > 0) return { errors };
  const q = f.q ? normalize(f.q) : undefined;
  const list = k.programs.filter(
    (p) =>
      (!f.kind || p.kind === f.kind) &&
      (!pref || !p.region || p.region.prefecture === pref.name) &&
      (!goal || p.editions.some((e) => e.tracks.some((t) => (t.goals ?? p.goals).some((g) => related(k.ix.goalLineage, g, goal.id))))) &&
      (!q || [p.name, ...p.aliases].some((n) => normalize(n).includes(q))),
  );
  return { list };
}

export function programView(k: Knowledge, program: Program, date: string) {
  const newest = newestEdition(program);
  return {
    ...program,
    newestEdition: newest.id,
    changesFromPreviousEdition: editionChanges(program),
    editions: program.editions.map((e) => ({
      ...e,
      status: applicationStatus(e.application, date, e),
      tracks: e.tracks.map((t) => ({
        ...t,
        status: applicationStatus(t.application ?? e.application, date, e),
        ...(t.amount ? { rateSummary: rateSummary(t.amount), capSummary: capSummary(t.amount) } : {}),
        questions: questionsFor(k, trackQuestionIds(program, t)),
      })),
    })),
  };
}
