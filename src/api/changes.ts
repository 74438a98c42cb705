// GET /api/v1/changes?since=N: the knowledge base's version and the releases after N
// (knowledge/releases.yaml, bundled by knowledge:build), each change named. Names come
// from the knowledge base as it is now; a program or track no longer in it keeps the
// name recorded in its release.
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import type { FieldError } from '../core/profile';
import { changeNames, knowledgeVersion, releasesSince, type KnowledgeChange, type KnowledgeChangeKind } from '../core/knowledge/releases';
import type { Knowledge } from '../core/knowledge/types';
import type { Env } from '../env';
import { badRequest } from './validation';

export const SINCE_ERROR: FieldError = {
  field: 'since',
  message: 'sinceは0以上の整数（知識ベースのバージョン）で指定してください。',
  messageEn: 'since must be a non-negative integer (a knowledge version)',
};

export interface ChangeView {
  programId: string;
  programName: string;
  trackId?: string;
  trackName?: string;
  change: KnowledgeChangeKind;
  what?: string[];
}

/** A change with its names: the program's and track's as the knowledge has them now, else as recorded (changeNames). */
function changeView(k: Knowledge, c: KnowledgeChange): ChangeView {
  const { programName, trackName } = changeNames(k, c);
  return {
    programId: c.programId,
    programName,
    ...(c.trackId ? { trackId: c.trackId, trackName: trackName! } : {}),
    change: c.change,
    ...(c.what ? { what: c.what } : {}),
  };
}

export function changesRoutes(k: Knowledge): Hono<{ Bindings: Env }> {
  const api = new Hono<{ Bindings: Env }>();
  const version = knowledgeVersion(k.releases);
  api.get(
    '/changes',
    validator('query', (query, c) => {
      const since = query.since;
      if (since === undefined) return { since: 0 };
      // One value, digits only: 「1.5」「-1」「1e3」「」 and ?since=1&since=2 are refused.
      if (typeof since !== 'string' || !/^\d{1,15}$/.test(since)) return c.json(badRequest([SINCE_ERROR]), 400);
      return { since: Number(since) };
    }),
    (c) => {
      const { since } = c.req.valid('query');
      return c.json({
        version,
        releases: releasesSince(k.releases, since).map((r) => ({ version: r.version, date: r.date, changes: r.changes.map((x) => changeView(k, x)) })),
      });
    },
  );
  return api;
}
