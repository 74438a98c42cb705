// The 'follow' effect (src/follow/effect.ts): the copy to the notice index is tried once
// more when it fails, a second failure throws (for the store to tell the user), and the
// copy carries the turn's time and the revision.
import { describe, expect, it } from 'vitest';
import type { FollowState } from '../../src/dialogue/types';
import type { Env } from '../../src/env';
import { followEffect } from '../../src/follow/effect';
import type { TurnOptions } from '../../src/state/store';

/** An env whose FOLLOW index fails its first `failures` puts. */
function fakeEnv(failures: number) {
  const puts: unknown[][] = [];
  let left = failures;
  const index = {
    put: async (...args: unknown[]) => {
      puts.push(args);
      if (left-- > 0) throw new Error('index unavailable');
      return 'stored';
    },
  };
  const env = { FOLLOW: { idFromName: () => 'id', get: () => index } } as unknown as Env;
  return { env, puts };
}
const FOLLOW: FollowState = { programs: [{ programId: 'kanazawa-new-product', trackId: 'single' }], revision: 3, expires: '2025-07-01' };
const OPTS: TurnOptions = { date: '2025-06-01', person: 'line:U1', address: { platform: 'line', userId: 'U1' }, eventTime: 1_750_000_000_000 };

describe('followEffect', () => {
  it('copies the settings with the turn time; a failed copy is tried once more', async () => {
    const { env, puts } = fakeEnv(1);
    await followEffect(env, 'line:user:U1', FOLLOW, OPTS);
    expect(puts).toHaveLength(2);
    expect(puts[1]).toEqual(['line:U1', 'line:user:U1', OPTS.address, FOLLOW, OPTS.eventTime]);
  });

  it('two failures throw', async () => {
    const { env, puts } = fakeEnv(2);
    await expect(followEffect(env, 'line:user:U1', FOLLOW, OPTS)).rejects.toThrow('index unavailable');
    expect(puts).toHaveLength(2);
  });

  it('without an address only an empty state is copied (it stops notices)', async () => {
    const { env, puts } = fakeEnv(0);
    const { address: _a, ...noAddress } = OPTS;
    await followEffect(env, 'line:group:G', FOLLOW, noAddress);
    expect(puts).toHaveLength(0);
    await followEffect(env, 'line:group:G', { programs: [], revision: 4 }, noAddress);
    expect(puts).toEqual([['line:U1', 'line:group:G', undefined, { programs: [], revision: 4 }, OPTS.eventTime]]);
  });
});
