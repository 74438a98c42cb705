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
 * person and address the adapter gave, the settings' revision and the turn's time (the
 * platform's event time, else now): the index keeps the newest revision and drops a copy
 * older than a deletion of the person (src/state/follow-index.ts). A turn without an
 * address (a channel that offers no notices) can only have removed something: an empty
 * state is still copied (it stops the notices); anything else is not.
 *
 * A failed call is tried once more (the copy is idempotent: the same revision twice is
 * ignored); a second failure throws, for the store to tell the user. Pressing the same
 * button again repairs the index: every follow action emits the effect (src/dialogue/follow.ts).
 */
export async function followEffect(env: Env, key: string, follow: FollowState, opts: TurnOptions): Promise<undefined> {
  if (!opts.person) return undefined;
  const at = opts.eventTime ?? Date.now();
  const empty = follow.programs.length === 0 && !follow.watch;
  const address = opts.address && opts.address.platform !== 'web' ? opts.address : undefined;
  if (!address && !empty) return undefined;
  const put = () => followIndex(env).put(opts.person!, key, address, follow, at);
  try {
    await put();
  } catch (err) {
    console.error('follow: copying the settings to the index failed; trying once more', key, err);
    await put();
  }
  return undefined;
}
