// Cloudflare Worker entry.
import { createApp } from './app';
import { knowledge } from './knowledge';

const app = createApp(knowledge);

export { Conversation } from './state/conversation';
export { PersonRegistry } from './state/person';
export { RateLimit } from './state/rate-limit';
export default app;
