// A program's own employee band (target.employees, e.g. Jグランツ 「20名以下」) is
// eligibility: decided against the headcount, not left as 要確認.
import { describe, expect, it } from 'vitest';
import { combineVerdicts, eligibilityReasons } from '../../src/core/eligibility';
import type { Program, Track } from '../../src/core/knowledge/types';
import { buildProfile } from '../../src/core/profile';
import { knowledge, program } from '../helpers';

const base = program('kanazawa-overseas-market');
const withBand = (employees: { atMost?: number; atLeast?: number; text: string }): Program => ({ ...base, target: { ...base.target, employees } }) as Program;
const track = base.editions[0]!.tracks[0] as Track;
const profile = (n: number) => {
  const built = buildProfile(knowledge, { prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: n, goal: ['trade-show'], answers: { kanazawa_one_year: 'yes' } });
  if ('errors' in built) throw new Error('profile');
  return built.profile;
};

describe('target.employees', () => {
  it.each<[number, 'eligible' | 'ineligible']>([
    [20, 'eligible'],
    [21, 'ineligible'],
    [0, 'eligible'],
  ])('「20名以下」 with %i employees → %s', (n, verdict) => {
    const reasons = eligibilityReasons(knowledge, withBand({ atMost: 20, text: '20名以下' }), track, [], profile(n));
    const band = reasons.find((r) => r.text.includes('20名以下'))!;
    expect(band.verdict).toBe(verdict);
    expect(combineVerdicts(reasons)).toBe(verdict);
  });

  it('「5名以上」 excludes a business of 3', () => {
    const reasons = eligibilityReasons(knowledge, withBand({ atLeast: 5, text: '5名以上' }), track, [], profile(3));
    expect(combineVerdicts(reasons)).toBe('ineligible');
    expect(reasons.some((r) => r.text === '従業員5名以上が対象です（従業員3人）。')).toBe(true);
  });
});
