// The benchmark's Worker entry (`wrangler dev bench/worker.ts`, bench/e2e.ts): the
// production app (same bindings, Durable Objects and middleware from wrangler.toml)
// plus two floors the full turn is measured against. Never deployed: src/index.ts,
// the production entry, mounts neither.
// - POST /bench/echo: signature + parse, then 200 (no turn).
// - POST /bench/empty: the LINE webhook itself (lineWebhook: signature, parse, ack,
//   then per event the schema, the conversation key, a Durable Object call and a
//   reply to LINE), but the Durable Object method does nothing and the reply is one
//   fixed text: the floor of this design (verify → parse → ack → DO RPC → send).
import { Hono } from 'hono';
import { benchEcho } from '../adapters/line/bench-echo';
import { lineWebhook, replyTarget, type LineTurnRunner } from '../adapters/line/webhook';
import { replyMessage } from '../adapters/line/reply';
import { createApp, type Env } from '../src/app';
import { knowledge } from '../src/knowledge';
import { Conversation as ProductionConversation } from '../src/state/conversation';

// Every Durable Object class the production entry exports (wrangler.toml binds them);
// Conversation is replaced below by a subclass with one more, empty, method.
export * from '../src/index';

/** The production Conversation plus `empty()`, an RPC method that does nothing. */
export class Conversation extends ProductionConversation {
  async empty(): Promise<null> {
    return null;
  }
}

const EMPTY_MESSAGES = [{ type: 'text' as const, text: 'ok' }];
const emptyTurn: LineTurnRunner = async (env, { event, key, receivedAt }) => {
  const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName(key)) as unknown as DurableObjectStub<Conversation>;
  await stub.empty();
  const target = replyTarget(env, event);
  if (target) await replyMessage({ ...target, messages: EMPTY_MESSAGES }, { key, receivedAt });
};

const routes: Record<string, Hono<{ Bindings: Env }>> = { '/bench/echo': benchEcho(), '/bench/empty': lineWebhook(emptyTurn) };
export default createApp(knowledge, { routes });
