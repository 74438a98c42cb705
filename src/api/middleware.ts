// The Worker's middleware, built on Hono's own: secure headers, the body limit,
// CORS and the origin check, bearer auth of /api/v1/chat, JSON bodies checked with
// the validator (415 for another content type, 400 naming the field), and the
// global rate limit of the chat endpoints. Every refusal is JSON in Japanese and English.
import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { validator } from 'hono/validator';
import type { Env } from '../env';
import { checkChatLimits } from './limits';
import { badRequest, zodErrors } from './validation';

type E = { Bindings: Env };
type C = Context<E>;

/** The largest request body the Worker reads (webhooks and APIs): 1 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * 413 beyond MAX_BODY_BYTES, before any handler reads the body: a declared
 * Content-Length is refused unread, a streamed body as soon as it passes the limit.
 * Mounted before the webhooks' signature checks.
 */
export const limitBody = (): MiddlewareHandler<E> =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: 'payload_too_large', message: 'リクエスト本文が大きすぎます（上限1MB）。', messageEn: 'The request body exceeds 1 MB.' }, 413),
  });

/**
 * Hono's secure headers on every Worker response (HSTS, nosniff, no referrer, COOP,
 * CORP same-origin, X-Frame-Options…), except two on the chat page: its framing
 * policy is its CSP frame-ancestors (WEB_CHAT_ORIGINS may embed it), so it has no
 * X-Frame-Options and its CORP is `cross-origin`.
 */
export function secure(pagePaths: readonly string[]): MiddlewareHandler<E> {
  const api = secureHeaders();
  const page = secureHeaders({ xFrameOptions: false, crossOriginResourcePolicy: 'cross-origin' });
  return (c, next) => (pagePaths.includes(c.req.path) ? page(c, next) : api(c, next));
}

/** The origins allowed to call the web chat from another site (WEB_CHAT_ORIGINS; never `*`). */
export function allowedOrigins(env: Env): string[] {
  return (env.WEB_CHAT_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '' && o !== '*');
}

/** Whether a request's Origin may call: none (not a browser), the Worker's own, or one of `extra`. */
export function originAllowed(origin: string | undefined, self: string, extra: readonly string[]): boolean {
  return origin === undefined || origin === self || extra.includes(origin);
}

/**
 * Refuses (403) a browser request from another origin, in every environment; with
 * `embeddable`, WEB_CHAT_ORIGINS may call too and get CORS headers (Hono's cors,
 * which also answers their preflight). Without it, only same-origin and non-browser
 * clients are served.
 */
export function checkOrigin(opts: { embeddable: boolean }): MiddlewareHandler<E> {
  const allowCors = cors({
    origin: (origin, c: C) => (allowedOrigins(c.env).includes(origin) ? origin : null),
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ['content-type'],
    maxAge: 86_400,
  });
  return async (c, next) => {
    const extra = opts.embeddable ? allowedOrigins(c.env) : [];
    if (!originAllowed(c.req.header('origin'), new URL(c.req.url).origin, extra))
      return c.json({ error: 'origin_not_allowed', message: 'このサイトからは利用できません。', messageEn: 'Origin not allowed (WEB_CHAT_ORIGINS).' }, 403);
    return opts.embeddable ? allowCors(c, next) : next();
  };
}

const unauthorized = (c: C) => c.json({ error: 'unauthorized', message: '認証が必要です。', messageEn: 'Missing or wrong bearer token.' }, 401);

/**
 * /api/v1/chat: open in development; in production only with API_TOKEN set (404
 * otherwise). With API_TOKEN set (in any environment), Hono's bearer auth checks
 * `Authorization: Bearer <API_TOKEN>` in constant time.
 */
export function chatAuth(): MiddlewareHandler<E> {
  return async (c, next) => {
    const token = c.env.API_TOKEN;
    if (!token) {
      if (c.env.ENVIRONMENT === 'production')
        return c.json({ error: 'disabled', message: 'このAPIは本番環境では無効です（API_TOKENを設定すると有効になります）。', messageEn: 'Disabled in production unless API_TOKEN is set.' }, 404);
      return next();
    }
    const refuse = { message: unauthorized };
    const auth = bearerAuth({ token, noAuthenticationHeader: refuse, invalidAuthenticationHeader: refuse, invalidToken: refuse }) as MiddlewareHandler<E>;
    return auth(c, next);
  };
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** 415 unless the body is declared JSON (`application/json`, `…+json`, with or without a charset). */
export const requireJson = (): MiddlewareHandler<E> => async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_TYPE.test(type))
    return c.json({ error: 'unsupported_media_type', message: 'リクエスト本文はJSON（Content-Type: application/json）で送ってください。', messageEn: 'The body must be JSON (Content-Type: application/json).' }, 415);
  return next();
};

interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * A JSON body checked with Hono's validator against a zod/mini schema: 415 for
 * another content type, 400 naming each field (Japanese and English) when it does
 * not fit; `then` may refine the value or refuse it with a Response. Malformed JSON
 * is answered by the app's error handler (the validator throws a 400).
 */
export function jsonBody<T, U = T>(schema: SafeParser<T>, then?: (value: T, c: C) => U | Response) {
  return [
    requireJson(),
    validator('json', (value, c: C) => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) return c.json(badRequest(zodErrors(parsed.error)), 400);
      return then ? then(parsed.data, c) : (parsed.data as unknown as U);
    }),
  ] as const;
}

/**
 * The global rate limit of a chat endpoint (src/state/rate-limit.ts): per client id
 * (`idOf` of the validated body) and per client address (CF-Connecting-IP). 429 with
 * Retry-After beyond either.
 */
/** `perAddress: false`: only the per-id limit (the web inbox's polls must not use up an office's turns). */
export function chatRateLimit(channel: string, idOf: (c: C) => string | Promise<string>, opts: { perAddress?: boolean } = {}): MiddlewareHandler<E> {
  return async (c, next) => {
    const address = opts.perAddress === false ? undefined : c.req.header('cf-connecting-ip') || undefined;
    const outcome = await checkChatLimits(c.env, channel, await idOf(c), address);
    if (!outcome.ok)
      return c.json({ error: 'rate_limited', message: '短時間に多くのメッセージが送られました。少し待ってからお試しください。', messageEn: 'Too many requests.' }, 429, { 'retry-after': String(outcome.retryAfterS) });
    return next();
  };
}
