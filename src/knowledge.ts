// The compiled knowledge base (npm run knowledge:build), bundled into the Worker.
import data from '../knowledge/dist/knowledge.json';
import type { Knowledge } from './core/knowledge/types';

export const knowledge = data as unknown as Knowledge;
