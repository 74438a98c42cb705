// JSON API v1: taxonomy, programs, match.
import { Hono } from 'hono';
import type { Knowledge } from '../core/knowledge/types';
import { matchPrograms } from '../core/match';
import { buildProfile } from '../core/profile';
import { todayJst } from '../core/status';
import { filterPrograms, programView } from './programs';
import { badRequest, DATE_ERROR, isValidDate, JSON_ERROR, MatchBody, zodErrors } from './validation';

export function apiRoutes(k: Knowledge): Hono {
  const api = new Hono();

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

  api.post('/match', async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json(badRequest([JSON_ERROR]), 400);
    }
    const parsed = MatchBody.safeParse(raw);
    if (!parsed.success) return c.json(badRequest(zodErrors(parsed.error)), 400);
    const body = parsed.data;
    const date = body.date ?? todayJst();
    if (!isValidDate(date)) return c.json(badRequest([DATE_ERROR]), 400);
    const built = buildProfile(k, body);
    if ('errors' in built) return c.json(badRequest(built.errors), 400);
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

  return api;
}
