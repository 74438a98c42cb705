// The Durable Object of one conversation, addressed by its key (platform, user, and
// channel/thread where the platform has them), and the store that runs turns there.
import type { Env } from '../env';
import { conversationKey, type ConversationStore } from './store';

export { conversationKey };

export function conversationStub(env: Env, platform: string, ...parts: string[]) {
  return stubOf(env, conversationKey(platform, ...parts));
}

const stubOf = (env: Env, key: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(key));

/** Turns run inside each conversation's Durable Object: one at a time, atomically. */
export function durableStore(env: Env): ConversationStore {
  return {
    turn: (key, input, opts) => stubOf(env, key).turn(input, opts),
    forget: (key) => stubOf(env, key).forget(),
  };
}
