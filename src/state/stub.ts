// The Durable Object of one conversation, addressed by platform and user
// (plus channel/thread where the platform has them).
import type { Env } from '../env';

export function conversationKey(platform: string, ...parts: string[]): string {
  return [platform, ...parts].join(':');
}

export function conversationStub(env: Env, platform: string, ...parts: string[]) {
  return env.CONVERSATION.get(env.CONVERSATION.idFromName(conversationKey(platform, ...parts)));
}
