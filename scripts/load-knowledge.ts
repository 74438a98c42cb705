// The compiled knowledge base for Node scripts (chat, Slack Socket Mode, benchmarks).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileKnowledge } from '../src/core/knowledge/compile';
import type { Knowledge, KnowledgeData } from '../src/core/knowledge/types';

export function loadKnowledgeFile(): Knowledge {
  return compileKnowledge(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'knowledge', 'dist', 'knowledge.json'), 'utf8')) as KnowledgeData);
}
