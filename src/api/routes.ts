// JSON API v1: taxonomy, programs, match, knowledge changes (changes.ts). POST bodies go through jsonBody (415 for
// another content type, 400 naming the field).
import { Hono } from 'hono';
import type { Knowledge } from '../core/knowledge/types';
import type { Env } from '../env';
import { matchPrograms } from '../core/match';
import { buildProfile } from '../core/profile';
import { todayJst } from '../core/status';
import { changesRoutes } from './changes';
import { filterPrograms, programView } from './programs';
import { jsonBody } from './middleware';
import { checkRegion } from './region';
import { badRequest, DATE_ERROR, isValidDate, MatchBody } from './validation';

export function apiRoutes(k: Knowledge): Hono<{ Bindings: Env }> {
  const api = new Hono<{ Bindings: Env }>();

  api.get('/taxonomy', (c) =>
    c.json({
      industries: k.industries,
      goals: k.goals,
      regions: k.prefectures.map((p) => ({
        prefecture: p.name,
        municipalities: p.municipalities,
        programMunicipalities: [...new Set(k.programs.filter((x) => x.region?.prefecture === p.name && x.region.municipality).map((x) => x.region!.municipality!))],
      })),
      sizeClasses: Object.entries(k.sizeClassLabels).map(([id, label]) => ({ id, label })),
      sizeCategories: k.sizeCategories,
    }),
  );

  api.get('/programs', (c) => {
    const date = c.req.query('date') ?? todayJst();
    if (!isValidDate(date)) return c.json(badRequest([DATE_ERROR]), 400);
    const programs = filterPrograms(k, {
      kind: c.req.query('kind'),
      prefecture: c.req.query('prefecture'),
      goal: c.req.query('goal'),
      q: c.req.query('q'),
    });
    if ('errors' in programs) return c.json(badRequest(programs.errors), 400);
    return c.json({ count: programs.list.length, programs: programs.list.map((p) => programView(k, p, date)) });
  });

  api.get('/programs/:id', (c) => {
    const program = k.ix.programById.get(c.req.param('id'));
    if (!program) return c.json({ error: 'not_found', message: 'その制度は見つかりません。', messageEn: 'No program with this id.' }, 404);
    const date = c.req.query('date') ?? todayJst();
    if (!isValidDate(date)) return c.json(badRequest([DATE_ERROR]), 400);
    return c.json(programView(k, program, date));
  });

  api.post('/match', ...jsonBody(MatchBody), (c) => {
    const body = c.req.valid('json');
    const date = body.date ?? todayJst();
    if (!isValidDate(date)) return c.json(badRequest([DATE_ERROR]), 400);
    // The region as given: an unknown prefecture or municipality is named, never replaced.
    const region = checkRegion(k, body.prefecture, body.municipality);
    const built = buildProfile(k, body);
    const named = new Set(region.map((e) => e.field));
    const errors = [...region, ...('errors' in built ? built.errors.filter((e) => !named.has(e.field)) : [])];
    if (errors.length > 0 || 'errors' in built) return c.json(badRequest(errors), 400);
    const { profile } = built;
    const results = matchPrograms(k, profile, { date, ...(body.trackExpenses ? { trackExpenses: body.trackExpenses } : {}) });
    return c.json({
      profile: {
        prefecture: profile.prefecture,
        municipality: profile.municipality ?? null,
        industry: { id: profile.industry.id, label: profile.industry.label },
        employees: profile.employees,
        capitalYen: profile.capitalYen ?? null,
        sizeClass: profile.size.sizeClass,
        sizeClassLabel: profile.size.label,
        sizeClassReason: profile.size.reason,
        sizeCategory: profile.size.category.label,
        goals: profile.goals.map((id) => ({ id, label: k.ix.goalById.get(id)?.label ?? id })),
        expenseYen: profile.expenseYen ?? null,
        expenseNote: '経費は税抜（消費税を除いた額）で計算しています。',
        date,
      },
      results,
    });
  });

  api.route('/', changesRoutes(k));

  return api;
}
