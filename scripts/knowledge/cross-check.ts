// Checks that need the whole knowledge base: ids that must exist, ids that must
// be unique, dates and bands in order.
import { walkAmountRule } from '../../src/core/amount-rule';
import type { AmountRule, CapValue, Condition, Program, Target } from '../../src/core/knowledge/schema';
import type { KnowledgeData as Knowledge } from '../../src/core/knowledge/types';

type At = (file: any, path: PropertyKey[]) => string;
type ProgramFileLoaded = { file: string; doc: any; lines: any; data?: { programs: Program[] } };

const SPECIAL_KEYS = new Set(['sizeClass', 'employeesAtMost', 'employeesAtLeast']);

export function crossCheck(k: Knowledge, files: ProgramFileLoaded[], at: At, errors: string[]): void {
  const industryIds = new Set(k.industries.map((i) => i.id));
  const goalIds = new Set(k.goals.map((g) => g.id));
  const questions = new Map<string, Knowledge['questions'][number]>();
  for (const q of k.questions) {
    if (questions.has(q.id)) errors.push(`knowledge: question id "${q.id}" is declared twice`);
    questions.set(q.id, q);
  }
  const prefectures = new Map(k.prefectures.map((p) => [p.name, p]));
  const kinds = new Set(k.programKinds.map((x) => x.id));
  const programIds = new Set<string>();

  for (const file of files) {
    const programs = file.data?.programs ?? [];
    programs.forEach((p, pi) => {
      const base: PropertyKey[] = ['programs', pi];
      const err = (path: PropertyKey[], msg: string) => errors.push(`${at(file, [...base, ...path])}: ${msg}`);
      if (programIds.has(p.id)) err(['id'], `program id "${p.id}" is used twice`);
      programIds.add(p.id);
      if (!kinds.has(p.kind)) err(['kind'], `unknown kind "${p.kind}" (taxonomy/program-kinds.yaml: ${[...kinds].join(', ')})`);
      const checkSource = (file: string, path: PropertyKey[]) =>
        k.sources[file] || err([...path, 'source', 'file'], `source file "${file}" has no title in taxonomy/sources.yaml`);
      if (p.region) {
        const pref = prefectures.get(p.region.prefecture);
        if (!pref) err(['region', 'prefecture'], `unknown prefecture "${p.region.prefecture}"`);
        else if (p.region.municipality && !pref.municipalities.includes(p.region.municipality))
          err(['region', 'municipality'], `"${p.region.municipality}" is not listed under ${pref.name} in regions.yaml`);
      }
      const checkGoals = (goals: string[] | undefined, path: PropertyKey[]) =>
        goals?.forEach((g, i) => goalIds.has(g) || err([...path, i], `unknown goal "${g}"`));
      const checkCondition = (c: Condition, path: PropertyKey[]) => {
        for (const [key, value] of Object.entries(c)) {
          if (SPECIAL_KEYS.has(key)) continue;
          const q = questions.get(key);
          if (!q) {
            err([...path, key], `unknown question "${key}" in condition`);
            continue;
          }
          const values = Array.isArray(value) ? value : [value];
          for (const v of values)
            if (q.choices && !q.choices.some((ch) => ch.value === String(v)))
              err([...path, key], `"${String(v)}" is not a choice of question "${key}"`);
        }
      };
      const checkTarget = (t: Target | undefined, path: PropertyKey[]) => {
        if (!t) return;
        for (const key of ['include', 'exclude'] as const)
          t.industries?.[key]?.forEach(
            (id, i) => industryIds.has(id) || err([...path, 'industries', key, i], `unknown industry "${id}"`),
          );
        if (t.industries?.othersIf && !questions.has(t.industries.othersIf))
          err([...path, 'industries', 'othersIf'], `unknown question "${t.industries.othersIf}"`);
        t.requirements?.forEach((r, i) => {
          const q = questions.get(r.question);
          if (!q) return err([...path, 'requirements', i, 'question'], `unknown question "${r.question}"`);
          for (const v of r.accept)
            if (q.choices && !q.choices.some((ch) => ch.value === v))
              err([...path, 'requirements', i, 'accept'], `"${v}" is not a choice of question "${r.question}"`);
        });
      };
      const checkBands = (v: CapValue, p: PropertyKey[]) => {
        if (typeof v === 'number') return;
        let prev = -1;
        v.byEmployees.forEach((b, i) => {
          const last = i === v.byEmployees.length - 1;
          if (last && b.maxEmployees !== undefined) err([...p, 'byEmployees', i], 'the last employee band must be open (no maxEmployees)');
          if (!last && b.maxEmployees === undefined) err([...p, 'byEmployees', i], 'only the last employee band may omit maxEmployees');
          if (b.maxEmployees !== undefined && b.maxEmployees <= prev) err([...p, 'byEmployees', i], 'employee bands must ascend');
          prev = b.maxEmployees ?? prev;
        });
      };
      const checkAmount = (a: AmountRule | undefined, path: PropertyKey[]) => {
        if (!a) return;
        walkAmountRule(a, (n) => {
          const at = [...path, ...n.path];
          if (n.kind === 'condition') checkCondition(n.cond, at);
          else if (n.kind === 'cap') checkBands(n.value, at);
          else if (n.kind === 'question' && questions.get(n.id)?.type !== n.type)
            err(at, `question "${n.id}" must exist and be of type ${n.type}`);
        });
        a.partLimits?.forEach((l, i) =>
          l.onlyFor?.industries.forEach((id, j) => industryIds.has(id) || err([...path, 'partLimits', i, 'onlyFor', 'industries', j], `unknown industry "${id}"`)),
        );
        if (a.tiers) {
          if (a.rate) err([...path, 'tiers'], 'use either rate or tiers');
          let prev = 0;
          a.tiers.forEach((t, i) => {
            const last = i === a.tiers!.length - 1;
            if (last !== (t.upToSubsidyYen === undefined)) err([...path, 'tiers', i], 'every tier but the last needs upToSubsidyYen');
            if (t.upToSubsidyYen !== undefined && t.upToSubsidyYen <= prev) err([...path, 'tiers', i], 'tiers must ascend');
            prev = t.upToSubsidyYen ?? prev;
          });
        }
      };
      const checkApplication = (app: Program['editions'][number]['application'] | undefined, path: PropertyKey[]) => {
        if (app?.kind !== 'window') return;
        app.windows.forEach((w, i) => {
          for (const key of ['start', 'end'] as const) {
            const d = w[key];
            if (d && Number.isNaN(Date.parse(`${d}T00:00:00Z`))) err([...path, 'windows', i, key], `invalid date ${d}`);
          }
          if (w.start && w.start > w.end) err([...path, 'windows', i], 'window starts after it ends');
        });
      };

      checkGoals(p.goals, ['goals']);
      checkTarget(p.target, ['target']);
      const editionIds = new Set<string>();
      p.editions.forEach((e, ei) => {
        const ep: PropertyKey[] = ['editions', ei];
        if (editionIds.has(e.id)) err([...ep, 'id'], `edition id "${e.id}" is used twice`);
        editionIds.add(e.id);
        checkApplication(e.application, [...ep, 'application']);
        checkSource(e.source.file, ep);
        const trackIds = new Set<string>();
        e.tracks.forEach((t, ti) => {
          const tp: PropertyKey[] = [...ep, 'tracks', ti];
          if (trackIds.has(t.id)) err([...tp, 'id'], `track id "${t.id}" is used twice in edition "${e.id}"`);
          trackIds.add(t.id);
          checkGoals(t.goals, [...tp, 'goals']);
          checkTarget(t.target, [...tp, 'target']);
          checkAmount(t.amount, [...tp, 'amount']);
          checkApplication(t.application, [...tp, 'application']);
          checkSource(t.source.file, tp);
          if (t.supersededBy && !p.editions.some((n) => n.asOf > e.asOf && n.tracks.some((x) => x.id === t.supersededBy)))
            err([...tp, 'supersededBy'], `supersededBy "${t.supersededBy}" is not a track of a newer edition`);
          if (!t.amount && !t.benefit && p.kind !== 'support' && p.kind !== 'facility')
            err(tp, 'a track needs an amount (subsidies) or a benefit (loans, tax, services)');
        });
      });
    });
  }
}

type TaxonomyFileLoaded = { file: string; doc: any; lines: any };

/** size-classes.yaml, program-kinds.yaml and menus.yaml: ids that must exist or be unique. */
export function checkTaxonomyFiles(
  k: Knowledge,
  files: { size: TaxonomyFileLoaded; kinds: TaxonomyFileLoaded; menu: TaxonomyFileLoaded },
  at: At,
  errors: string[],
): void {
  const classIds = Object.keys(k.sizeClassLabels);
  for (const id of ['small', 'sme', 'large', 'unknown'])
    if (!classIds.includes(id)) errors.push(`${at(files.size, ['classes'])}: size class "${id}" is missing`);
  const duplicates = <T>(values: T[], report: (i: number, v: T) => void) => {
    const seen = new Set<T>();
    values.forEach((v, i) => (seen.has(v) ? report(i, v) : seen.add(v)));
  };
  duplicates(
    k.programKinds.map((x) => x.id),
    (i, id) => errors.push(`${at(files.kinds, ['programKinds', i, 'id'])}: kind "${id}" is listed twice`),
  );
  const industryIds = new Set(k.industries.map((i) => i.id));
  const goalIds = new Set(k.goals.map((g) => g.id));
  const menuErr = (path: PropertyKey[], msg: string) => errors.push(`${at(files.menu, ['menus', ...path])}: ${msg}`);
  k.menus.industries.forEach((m, i) => industryIds.has(m.id) || menuErr(['industries', i, 'id'], `unknown industry "${m.id}"`));
  // `none` is the 「特に決めていない」 button, not a goal.
  k.menus.goals.forEach((m, i) => m.id === 'none' || goalIds.has(m.id) || menuErr(['goals', i, 'id'], `unknown goal "${m.id}"`));
  for (const key of ['industries', 'goals'] as const)
    duplicates(k.menus[key].map((m) => m.id), (i, id) => menuErr([key, i, 'id'], `"${id}" is listed twice`));
  for (const key of ['employees', 'expenses', 'capital'] as const)
    duplicates(k.menus[key].map((m) => m.value), (i, v) => menuErr([key, i, 'value'], `${String(v)} is listed twice`));
}
