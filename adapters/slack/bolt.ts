// The same dialogue and Block Kit renderer served by @slack/bolt (Node only: Socket
// Mode for offices without a public URL, or local development against a real
// workspace), through the same turn pipeline (runTurn) over a ConversationStore:
// MemoryConversationStore here (lost on restart; expires after 30 days of silence),
// the Durable Object on Workers.
import type { App } from '@slack/bolt';
import { todayJst } from '../../src/core/status';
import type { Reply, TurnInput } from '../../src/dialogue/types';
import { conversationKey, personKey, runTurn, type ConversationStore } from '../../src/state/store';
import { actionKey, commandKey, eventTarget, type BlockActionsPayload, type SlackEventCallback, type SlashCommand } from './events';
import { renderSlack } from './render';
import { RESTART } from '../../src/dialogue/actions';

export function registerListeners(app: App, store: ConversationStore, commandName = '/hojo', today: () => string = () => todayJst()): void {
  // `person` (team, user): 「データを削除」 deletes every conversation of that user (DM, commands, threads they started).
  const turn = async (key: string[], input: TurnInput, eventId?: string, person?: [string | undefined, string | undefined]): Promise<Reply | undefined> => {
    const who = person ? { person: personKey('slack', person[0] ?? 'team', person[1] ?? 'user') } : {};
    const reply = await runTurn(store, conversationKey('slack', ...key), input, { date: today(), ...who, ...(eventId ? { eventId } : {}) });
    return reply === 'duplicate' ? undefined : reply;
  };
  app.command(commandName, async ({ command, ack, respond }) => {
    const text = (command.text ?? '').trim();
    await ack({ response_type: 'ephemeral', text: `「${text || '（条件なし）'}」で調べています…` });
    const key = commandKey(command as SlashCommand);
    const who: [string | undefined, string | undefined] = [command.team_id, command.user_id];
    if (text !== '') await turn(key, RESTART, undefined, who);
    const reply = await turn(key, text === '' ? { kind: 'start' } : { kind: 'text', text }, undefined, who);
    if (reply) await respond({ response_type: 'ephemeral', ...renderSlack(reply) } as never);
  });

  app.event('app_mention', async ({ body, say }) => {
    const target = eventTarget(body as unknown as SlackEventCallback);
    if (!target) return;
    const reply = await turn(target.key, target.input, (body as { event_id?: string }).event_id, [(body as SlackEventCallback).team_id, (body as SlackEventCallback).event.user]);
    if (reply) await say({ ...(target.threadTs ? { thread_ts: target.threadTs } : {}), ...renderSlack(reply) } as never);
  });

  app.message(async ({ body, say }) => {
    const target = eventTarget(body as unknown as SlackEventCallback);
    if (!target || (body as SlackEventCallback).event.type !== 'message') return;
    const reply = await turn(target.key, target.input, (body as { event_id?: string }).event_id, [(body as SlackEventCallback).team_id, (body as SlackEventCallback).event.user]);
    if (reply) await say(renderSlack(reply) as never);
  });

  app.action(/^hojo_/, async ({ ack, body, respond }) => {
    await ack();
    const payload = body as unknown as BlockActionsPayload;
    const value = payload.actions?.[0]?.value;
    if (!value) return;
    const reply = await turn(actionKey(payload), { kind: 'choice', value }, undefined, [payload.team?.id, payload.user?.id]);
    if (reply) await respond({ response_type: payload.container?.is_ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, ...renderSlack(reply) } as never);
  });
}
