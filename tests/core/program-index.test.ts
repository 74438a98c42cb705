// The candidate index never drops a program that full matching would not exclude
// by region or goal: for every prefecture and goal, the non-対象外 rows agree.
import { describe, expect, it } from 'vitest';
import { matchPrograms } from '../../src/core/match';
import { buildProfile } from '../../src/core/profile';
import { knowledge } from '../helpers';

const goalsToTry = [[], ...knowledge.goals.map((g) => [g.id]), ['trade-show', 'overseas']];

describe('candidate index', () => {
  it.each([
    ['富山県', undefined],
    ['富山県', '高岡市'],
    ['富山県', '射水市'],
    ['石川県', undefined],
    ['石川県', '金沢市'],
    ['茨城県', 'ひたちなか市'],
    ['東京都', undefined],
    ['広島県', '広島市'],
  ] as const)('agrees with full matching in %s %s for every goal', (prefecture, municipality) => {
    for (const goal of goalsToTry) {
      const built = buildProfile(knowledge, { prefecture, ...(municipality ? { municipality } : {}), industry: 'manufacturing', employees: 10, goal, expenseYen: 1_000_000 });
      if ('errors' in built) throw new Error('bad profile');
      const key = (r: { programId: string; trackId: string; verdict: string }) => `${r.programId}:${r.trackId}:${r.verdict}`;
      const all = matchPrograms(knowledge, built.profile, { date: '2025-05-01' }).filter((r) => r.verdict !== 'ineligible').map(key);
      const fast = matchPrograms(knowledge, built.profile, { date: '2025-05-01', scope: 'candidates' }).filter((r) => r.verdict !== 'ineligible').map(key);
      expect(fast, `${prefecture} ${goal.join(',')}`).toEqual(all);
    }
  });
});
