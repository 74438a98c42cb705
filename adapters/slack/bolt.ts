// The same dialogue and Block Kit renderer served by @slack/bolt (Node only: Socket
// Mode for offices without a public URL, or local development against a real
// workspace). Conversation state is kept in memory here (lost on restart; expires
// after 30 days of silence); on Workers it lives in the Durable Object.
import type { App } from '@slack/bolt';
import type { Knowledge } from '../../src/core/knowledge/types';
import { todayJst } from '../../src/core/status';
import { handleTurn } from '../../src/dialogue/engine';
import type { ConversationState, Reply, TurnInput } from '../../src/dialogue/types';
import { EXPIRY_MS } from '../../src/state/expiry';
import { actionKey, commandKey, eventTarget, type BlockActionsPayload, type SlackEventCallback, type SlashCommand } from './events';
import { renderSlack } from './render';
import { RESTART } from '../../src/dialogue/actions';

export class MemoryConversations {
  private readonly states = new Map<string, { state: ConversationState; at: number }>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly knowledge: Knowledge,
    private readonly now = Date.now,
  ) {}

  turn(key: string[], input: TurnInput, eventId?: string): Reply | undefined {
    if (eventId) {
      if (this.seen.has(eventId)) return undefined;
      this.seen.add(eventId);
      if (this.seen.size > 1000) this.seen.delete(this.seen.values().next().value!);
    }
    const k = key.join(':');
    const stored = this.states.get(k);
    const previous = stored && this.now() - stored.at < EXPIRY_MS ? stored.state : undefined;
    const { state, reply } = handleTurn({ knowledge: this.knowledge, date: todayJst(new Date(this.now())) }, previous, input);
    if (reply.forget) this.states.delete(k);
    else this.states.set(k, { state, at: this.now() });
    return reply;
  }

  get(key: string[]): ConversationState | undefined {
    return this.states.get(key.join(':'))?.state;
  }
}

export function registerListeners(app: App, conversations: MemoryConversations, commandName = '/hojo'): void {
  app.command(commandName, async ({ command, ack, respond }) => {
    const text = (command.text ?? '').trim();
    await ack({ response_type: 'ephemeral', text: `「${text || '（条件なし）'}」で調べています…` });
    const key = commandKey(command as SlashCommand);
    if (text !== '') conversations.turn(key, RESTART);
    const reply = conversations.turn(key, text === '' ? { kind: 'start' } : { kind: 'text', text });
    if (reply) await respond({ response_type: 'ephemeral', ...renderSlack(reply) } as never);
  });

  app.event('app_mention', async ({ body, say }) => {
    const target = eventTarget(body as unknown as SlackEventCallback);
    if (!target) return;
    const reply = conversations.turn(target.key, target.input, (body as { event_id?: string }).event_id);
    if (reply) await say({ ...(target.threadTs ? { thread_ts: target.threadTs } : {}), ...renderSlack(reply) } as never);
  });

  app.message(async ({ body, say }) => {
    const target = eventTarget(body as unknown as SlackEventCallback);
    if (!target || (body as SlackEventCallback).event.type !== 'message') return;
    const reply = conversations.turn(target.key, target.input, (body as { event_id?: string }).event_id);
    if (reply) await say(renderSlack(reply) as never);
  });

  app.action(/^hojo_/, async ({ ack, body, respond }) => {
    await ack();
    const payload = body as unknown as BlockActionsPayload;
    const value = payload.actions?.[0]?.value;
    if (!value) return;
    const reply = conversations.turn(actionKey(payload), { kind: 'choice', value });
    if (reply) await respond({ response_type: payload.container?.is_ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, ...renderSlack(reply) } as never);
  });
}
