// Text lookups over the knowledge base, built once by compileKnowledge: the terms that
// name industries and goals (exact scan and fuzzy), the region matchers, and the fuzzy
// index of program names the FAQ searches.
import Fuse from 'fuse.js';
import type { KnowledgeData } from './knowledge/types';
import { normalize } from './taxonomy';

export interface Term {
  key: string;
  id: string;
}

/** Prefecture and municipality matchers, longest names first. */
export interface RegionMatchers {
  prefectures: { name: string; short: RegExp | undefined; unlisted: RegExp }[];
  municipalities: { prefecture: string; name: string; bare: string }[];
}

export interface Lexicon {
  /** Longest first, so that 「ITパスポート」 wins over 「IT」. */
  industries: Term[];
  goals: Term[];
  industryFuse: Fuse<Term>;
  goalFuse: Fuse<Term>;
  regions: RegionMatchers;
}

/** A normalized program name or alias and the program it names. */
export interface ProgramNameEntry {
  key: string;
  programId: string;
}

function regionMatchers(k: KnowledgeData): RegionMatchers {
  const prefectures = [...k.prefectures]
    .sort((a, b) => b.name.length - a.name.length)
    .map((p) => ({
      name: p.name,
      short: p.short.length >= 2 ? new RegExp(`${p.short}(?!市|町|村)`) : undefined,
      // An unlisted municipality written with 市/町/村 after the prefecture: 「東京都八王子市」.
      unlisted: new RegExp(`${p.name}\\s*([^\\s、。,]{1,8}?[市区町村])`),
    }));
  const municipalities = k.prefectures
    .flatMap((p) => p.municipalities.map((m) => ({ prefecture: p.name, name: m, bare: m.replace(/(市|町|村)$/, '') })))
    .sort((a, b) => b.name.length - a.name.length);
  return { prefectures, municipalities };
}

function terms(items: { id: string; label: string; synonyms: string[]; parentId?: string }[]): Term[] {
  const byKey = new Map<string, { id: string; child: boolean }>();
  for (const item of items)
    for (const raw of [item.label, ...item.synonyms, ...item.label.split(/[、・（）()]/).filter((s) => s.length >= 2)]) {
      const key = normalize(raw);
      const seen = byKey.get(key);
      // The same word on a parent and a child (「小売業」 in 「卸売業、小売業」 and 「小売業」): the child wins.
      if (key.length > 0 && (!seen || (!seen.child && item.parentId))) byKey.set(key, { id: item.id, child: Boolean(item.parentId) });
    }
  // Longest first, so that 「ITパスポート」 wins over 「IT」.
  return [...byKey.entries()].map(([key, v]) => ({ key, id: v.id })).sort((a, b) => b.key.length - a.key.length);
}

export function buildLexicon(k: KnowledgeData): Lexicon {
  const industries = terms(k.industries);
  const goals = terms(k.goals);
  const options = { keys: ['key'], threshold: 0.34, ignoreLocation: true, includeScore: true };
  return { industries, goals, industryFuse: new Fuse(industries, options), goalFuse: new Fuse(goals, options), regions: regionMatchers(k) };
}

/**
 * The names a program is asked about by: its name, the name without brackets, and that
 * without a prefix users leave out (「ひたちなか市中小企業事業活性化補助金」 →
 * 「中小企業事業活性化補助金」: the target group or any municipality of regions.yaml),
 * plus its aliases.
 */
export function buildProgramNames(k: KnowledgeData): Fuse<ProgramNameEntry> {
  const places = k.prefectures.flatMap((p) => p.municipalities).sort((a, b) => b.length - a.length);
  const prefix = new RegExp(`^(小規模事業者|中小企業|${places.join('|')})`);
  const entries = k.programs.flatMap((p) => {
    const base = p.name.replace(/[（(].*?[）)]/g, '');
    const names = [p.name, base, base.replace(prefix, ''), ...p.aliases];
    return [...new Set(names.map(normalize))].filter((s) => s.length >= 3).map((key) => ({ key, programId: p.id }));
  });
  return new Fuse(entries, { keys: ['key'], threshold: 0.3, ignoreLocation: true, includeScore: true });
}

/** Each goal's words (label, its parts, synonyms), normalised, longest first: to locate in a text what findGoals found. */
export function buildGoalTerms(goals: readonly { id: string; label: string; synonyms: string[] }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const g of goals) {
    const words = [g.label, ...g.synonyms, ...g.label.split(/[、・（）()]/).filter((s) => s.length >= 2)].map(normalize).filter((s) => s !== '');
    map.set(g.id, [...new Set(words)].sort((a, b) => b.length - a.length));
  }
  return map;
}
