// The notice index (issue 16): who saved which programs and conditions, and where they
// are reached, for the daily cron. TODO(issue 16, follow-ups): implement.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

export class FollowIndex extends DurableObject<Env> {}

import type { FollowState } from '../dialogue/types';
import type { TurnOptions } from './store';

/** Copies a conversation's follow-up settings to the index (the 'follow' effect). TODO(issue 16). */
export async function followEffect(_env: Env, _key: string, _follow: FollowState, _opts: TurnOptions): Promise<undefined> {
  return undefined;
}
