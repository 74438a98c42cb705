// The handoff desk (issue 16): the effects of the handoff dialogue carried out on
// Workers — open a case (its Durable Object, its card in the advisors' Slack channel),
// relay the owner's message to the case's thread, close the case. TODO: implement.
import type { ReplyEffect, TurnInput } from '../../src/dialogue/types';
import type { Env } from '../../src/env';
import type { TurnOptions } from '../../src/state/store';

export async function caseEffect(_env: Env, _key: string, _effect: Exclude<ReplyEffect, { type: 'follow' }>, _opts: TurnOptions): Promise<TurnInput | undefined> {
  throw new Error('the handoff is not implemented yet');
}
