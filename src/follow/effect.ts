// The notice index as the rest of the Worker reaches it (src/state/follow-index.ts holds
// the Durable Object class; only its type is imported here): the one global object, and
// the 'follow' effect that copies a conversation's settings to it.
import type { FollowState } from '../dialogue/types';
import type { Env } from '../env';
import type { TurnOptions } from '../state/store';

/** The one global index object (when to shard, and by what: src/state/follow-index.ts). */
export const followIndex = (env: Env) => env.FOLLOW.get(env.FOLLOW.idFromName('global'));

/**
 * Copies a conversation's follow-up settings to the index (the 'follow' effect), with the
 * person and address the adapter gave. A turn without them (a channel that offers no
 * notices) can only have removed something: an empty state then still removes the person.
 */
export async function followEffect(env: Env, key: string, follow: FollowState, opts: TurnOptions): Promise<undefined> {
  if (!opts.person) return undefined;
  const index = followIndex(env);
  if (!opts.address || opts.address.platform === 'web') {
    if (follow.programs.length === 0 && !follow.watch) await index.remove(opts.person);
    return undefined;
  }
  await index.put(opts.person, key, opts.address, follow);
  return undefined;
}
