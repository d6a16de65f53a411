import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { COOKIE, CSRF_HEADER, WEB_CLIENT_HEADER } from '../../shared/api';
import type { PolicySubject } from '../../shared/policy';
import { fail } from '../http/errors';
import { DEVICE_TTL_MS } from '../repositories/devices';
import { findSession, SESSION_TTL_MS, type SessionRow } from '../repositories/sessions';
import { policySubject } from '../repositories/users';
import type { RequestMeta } from '../services/context';
import './context';

export interface Auth {
  readonly token: string;
  readonly viaCookie: boolean;
  readonly session: SessionRow;
  readonly subject: PolicySubject;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

/** full: a signed-in session; any: also a setup-only session (it may only enrol, read /api/me and sign out). */
export type SessionMode = 'full' | 'any';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  if (!match?.[1]) throw fail.unauthorized();
  return match[1];
}

export function isWebClient(request: FastifyRequest): boolean {
  return request.headers[WEB_CLIENT_HEADER] === 'web';
}

export function meta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'], requestId: request.id };
}

const cookieBase = (request: FastifyRequest) =>
  ({ path: '/', sameSite: 'strict', secure: request.protocol === 'https' }) as const;

/** Web clients get the session as an HttpOnly cookie and a readable CSRF token bound to it. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const base = cookieBase(request);
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  reply.setCookie(COOKIE.session, token, { ...base, httpOnly: true, maxAge });
  reply.setCookie(COOKIE.csrf, request.server.ctx.box.csrfToken(token), { ...base, httpOnly: false, maxAge });
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(COOKIE.device, token, {
    ...cookieBase(request),
    httpOnly: true,
    maxAge: Math.floor(DEVICE_TTL_MS / 1000),
  });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const base = cookieBase(request);
  reply.clearCookie(COOKIE.session, { ...base, httpOnly: true });
  reply.clearCookie(COOKIE.csrf, { ...base, httpOnly: false });
}

/**
 * A preHandler that resolves the session from `Authorization: Bearer` or the
 * session cookie. Cookie-authenticated writes must echo the CSRF token in
 * X-CSRF-Token; bearer requests cannot be forged cross-site and are exempt.
 */
export function requireSession(mode: SessionMode) {
  return async (request: FastifyRequest): Promise<void> => {
    const fromHeader = bearer(request);
    const fromCookie = fromHeader === null ? (request.cookies[COOKIE.session] ?? null) : null;
    const token = fromHeader ?? fromCookie;
    if (!token) throw fail.unauthorized();
    const { ctx } = request.server;
    const session = await findSession(ctx.db, token, ctx.now());
    if (!session) throw fail.unauthorized();
    if (fromCookie !== null && request.method !== 'GET' && request.method !== 'HEAD') {
      const presented = request.headers[CSRF_HEADER];
      if (typeof presented !== 'string' || !ctx.box.csrfMatches(token, presented)) throw fail.csrfFailed();
    }
    if (mode === 'full' && session.kind !== 'full') throw fail.setupRequired();
    request.auth = {
      token,
      viaCookie: fromCookie !== null,
      session,
      subject: policySubject({ ...session, id: session.user_id }),
    };
  };
}

export function auth(request: FastifyRequest): Auth {
  if (!request.auth) throw fail.unauthorized();
  return request.auth;
}

export default fp(
  async (app) => {
    app.decorateRequest('auth', null);
  },
  { name: 'twofold-auth' },
);
