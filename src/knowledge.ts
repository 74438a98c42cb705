// The compiled knowledge base (npm run knowledge:build), bundled into the Worker as a
// UTF-8 text module and parsed once per isolate.
import text from '../knowledge/dist/knowledge.txt';
import type { Knowledge } from './core/knowledge/types';

export const knowledge = JSON.parse(text) as Knowledge;
