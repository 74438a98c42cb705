// The 'follow' effect: a conversation's follow-up settings copied to the notice index
// (src/state/follow-index.ts). Apart from the Durable Object class, so that code running
// in Node can import the store. TODO(issue 16, follow-ups): implement.
import type { FollowState } from '../dialogue/types';
import type { Env } from '../env';
import type { TurnOptions } from './store';

export async function followEffect(_env: Env, _key: string, _follow: FollowState, _opts: TurnOptions): Promise<undefined> {
  return undefined;
}
