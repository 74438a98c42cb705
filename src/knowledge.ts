// The compiled knowledge base (npm run knowledge:build), bundled into the Worker as a
// UTF-8 text module, parsed and compiled once per isolate.
import text from '../knowledge/dist/knowledge.txt';
import { compileKnowledge } from './core/knowledge/compile';
import type { KnowledgeData } from './core/knowledge/types';

export const knowledge = compileKnowledge(JSON.parse(text) as KnowledgeData);
