// npm run slack:socket — hojo-navi in Slack over Socket Mode with @slack/bolt (Node).
// Needs SLACK_BOT_TOKEN (xoxb-…) and SLACK_APP_TOKEN (xapp-…, connections:write).
// SLACK_COMMAND (default /hojo) names the slash command; SLACK_API_BASE_URL points
// the web client elsewhere.
import { App, LogLevel } from '@slack/bolt';
import { registerListeners } from '../adapters/slack/bolt';
import { MemoryConversationStore } from '../src/state/memory-store';
import { loadKnowledgeFile } from './load-knowledge';

const { SLACK_BOT_TOKEN, SLACK_APP_TOKEN } = process.env;
if (!SLACK_BOT_TOKEN || !SLACK_APP_TOKEN) {
  console.error('SLACK_BOT_TOKEN（xoxb-…）と SLACK_APP_TOKEN（xapp-…、connections:write）を設定してください。README の Slack の章を参照。');
  process.exit(1);
}
const knowledge = loadKnowledgeFile();
const app = new App({
  token: SLACK_BOT_TOKEN,
  appToken: SLACK_APP_TOKEN,
  socketMode: true,
  logLevel: LogLevel.INFO,
  ...(process.env.SLACK_API_BASE_URL ? { clientOptions: { slackApiUrl: process.env.SLACK_API_BASE_URL } } : {}),
});
registerListeners(app, new MemoryConversationStore(knowledge), process.env.SLACK_COMMAND ?? '/hojo');
await app.start();
console.log('hojo-navi: Slack Socket Mode で接続しました。');
