// The Durable Object of one conversation, addressed by its key (platform, user, and
// channel/thread where the platform has them), the registry of one person's
// conversations (src/state/person.ts), and the store that runs turns there.
import { caseEffect } from '../../adapters/handoff/desk';
import type { Env } from '../env';
import { followEffect, followIndex } from '../follow/effect';
import { conversationKey, personKey, type ConversationStore } from './store';

export { conversationKey, personKey };

export function conversationStub(env: Env, platform: string, ...parts: string[]) {
  return stubOf(env, conversationKey(platform, ...parts));
}

/** The conversation of a key. */
export const stubOf = (env: Env, key: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(key));

/** The registry of one person (`line:<userId>`, `slack:<team>:<user>`). */
export const personStub = (env: Env, person: string) => env.PERSON.get(env.PERSON.idFromName(person));

/** Turns run inside each conversation's Durable Object: one at a time, atomically. */
export function durableStore(env: Env): ConversationStore {
  return {
    turn: (key, input, opts) => stubOf(env, key).turn(input, opts, key),
    forget: (key, opts) => stubOf(env, key).forget(opts ?? {}),
    // Every conversation of the person, and their notice settings and ledger (both tried; a failure throws).
    // The index keeps a tombstone at the deleting event's time: a late 'follow' copy from before it is dropped.
    forgetPerson: async (person, opts) => {
      const [conversations, notices] = await Promise.allSettled([personStub(env, person).forgetAll(opts ?? {}), followIndex(env).remove(person, opts?.eventTime)]);
      if (conversations.status === 'rejected') throw conversations.reason;
      if (notices.status === 'rejected') throw notices.reason;
    },
    rememberQuery: (person, query) => personStub(env, person).rememberQuery(query),
    recentQueries: (person) => personStub(env, person).recentQueries(),
    // The follow-up settings go to the notice index; the handoff's effects to the desk.
    effect: (key, effect, opts) => (effect.type === 'follow' ? followEffect(env, key, effect.follow, opts) : caseEffect(env, key, effect, opts)),
  };
}
