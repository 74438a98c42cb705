// The same Slack handlers (handlers.ts) served by @slack/bolt (Node only: Socket Mode
// for offices without a public URL, or local development against a real workspace),
// over a ConversationStore: MemoryConversationStore here (lost on restart; expires
// after 30 days of silence), the Durable Object on Workers. Only the deliveries differ:
// Bolt's web client for the Web API, the outbound sender for response_url. Payloads
// are parsed with the same schemas as on Workers (no casts).
import type { App } from '@slack/bolt';
import { todayJst } from '../../src/core/status';
import type { ConversationStore } from '../../src/state/store';
import { BlockActionsSchema, LOOKUP_CALLBACK_ID, MessageShortcutSchema, SlackEventCallbackSchema, type SlashCommand } from './events';
import { commandAck, handleAction, handleCommand, handleEvent, handleShortcut, type SlackDeps, type SlackDelivery } from './handlers';
import { respond } from './send';

type WebClient = App['client'];

/** Deliveries through the listener's web client (its token) and response_url. */
function boltDeps(store: ConversationStore, today: () => string, client: WebClient): SlackDeps {
  const deliver = async (d: SlackDelivery, key: string): Promise<void> => {
    try {
      if (d.via === 'post') await client.chat.postMessage({ channel: d.channel, ...(d.thread_ts ? { thread_ts: d.thread_ts } : {}), text: d.message.text, blocks: d.message.blocks });
      else if (d.via === 'update') await client.chat.update({ channel: d.channel, ts: d.ts, text: d.message.text, blocks: d.message.blocks });
      else if (d.via === 'home') await client.views.publish({ user_id: d.user, view: d.view });
      else await respond(d.url, { ...(d.response_type ? { response_type: d.response_type } : {}), replace_original: d.replace_original, ...d.message }, { key });
    } catch (err) {
      console.error(`Slack ${d.via} failed`, key, err);
    }
  };
  return { store, today, deliver };
}

export function registerListeners(app: App, store: ConversationStore, commandName = '/hojo', today: () => string = () => todayJst()): void {
  const deps = (client: WebClient) => boltDeps(store, today, client);

  app.command(commandName, async ({ command, ack, client }) => {
    await ack(commandAck(command.text ?? ''));
    const form: SlashCommand = command;
    await handleCommand(deps(client), form);
  });

  // app_mention, message.im and app_home_opened: the handler decides what each means.
  const onEvent = async ({ body, client }: { body: unknown; client: WebClient }) => {
    const parsed = SlackEventCallbackSchema.safeParse(body);
    if (!parsed.success) return;
    await handleEvent(deps(client), parsed.data);
  };
  app.event('app_mention', onEvent);
  app.event('app_home_opened', onEvent);
  app.message(onEvent);

  app.action(/^hojo_/, async ({ ack, body, client }) => {
    await ack();
    const parsed = BlockActionsSchema.safeParse(body);
    if (parsed.success) await handleAction(deps(client), parsed.data);
  });

  app.shortcut(LOOKUP_CALLBACK_ID, async ({ ack, body, client }) => {
    await ack();
    const parsed = MessageShortcutSchema.safeParse(body);
    if (parsed.success) await handleShortcut(deps(client), parsed.data);
  });
}
