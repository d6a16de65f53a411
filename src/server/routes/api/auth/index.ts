import type { FastifyPluginAsync } from 'fastify';
import {
  COOKIE,
  codeRequestSchema,
  loginReplySchema,
  loginRequestSchema,
  statusResponseSchema,
  stepUpResponseSchema,
  twoFactorReplySchema,
  twoFactorRequestSchema,
} from '../../../../shared/api';
import { fail } from '../../../http/errors';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import {
  auth,
  clearSessionCookies,
  isWebClient,
  meta,
  requireSession,
  setDeviceCookie,
  setSessionCookies,
} from '../../../plugins/auth';
import { deleteSession, markTwoFactor } from '../../../repositories/sessions';
import { findUserById } from '../../../repositories/users';
import { STEP_UP_WINDOW_MS } from '../../../services/reset';
import { proveTotp } from '../../../services/second-factor';
import { completeSecondStep, login } from '../../../services/sign-in';
import { iso, toMe } from '../../../services/views';

const authRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginRequestSchema,
        response: { 200: loginReplySchema, ...errorReplies(401, 423, 429) },
      },
    },
    async (request, reply) => {
      const web = isWebClient(request);
      // A browser that was remembered sends its device cookie; the body wins when a client sends both.
      const deviceToken = request.body.deviceToken ?? request.cookies[COOKIE.device];
      const outcome = await login(ctx, { ...request.body, deviceToken }, meta(request));
      if (outcome.status === '2fa_required') return { status: outcome.status, challengeToken: outcome.challengeToken };
      if (!web) return { status: outcome.status, token: outcome.token, user: toMe(outcome.user) };
      // A browser holds the session only in its HttpOnly cookie: a token in the body would be readable by page script.
      setSessionCookies(request, reply, outcome.token);
      return { status: outcome.status, user: toMe(outcome.user) };
    },
  );

  app.post(
    '/2fa',
    {
      schema: {
        tags: ['auth'],
        summary: 'Answer the sign-in challenge with a TOTP code or a backup code',
        body: twoFactorRequestSchema,
        response: { 200: twoFactorReplySchema, ...errorReplies(401, 423, 429) },
      },
    },
    async (request, reply) => {
      const outcome = await completeSecondStep(ctx, request.body, meta(request));
      const user = toMe(outcome.user);
      if (!isWebClient(request)) {
        return {
          status: 'signed_in' as const,
          token: outcome.token,
          user,
          ...(outcome.device ? { deviceToken: outcome.device.token } : {}),
        };
      }
      // As at login: the browser's tokens travel only in HttpOnly cookies, never in a body script can read.
      setSessionCookies(request, reply, outcome.token);
      if (outcome.device) setDeviceCookie(request, reply, outcome.device.token);
      return { status: 'signed_in' as const, user };
    },
  );

  app.post(
    '/step-up',
    {
      preHandler: requireSession('full'),
      schema: {
        tags: ['auth'],
        summary: 'Renew this session’s proof of 2FA with a current code',
        body: codeRequestSchema,
        response: { 200: stepUpResponseSchema, ...errorReplies(401, 403, 409, 423, 429) },
      },
    },
    async (request) => {
      const { session } = auth(request);
      const user = await findUserById(ctx.db, session.user_id);
      if (!user) throw fail.unauthorized();
      await proveTotp(ctx, user, request.body.code);
      const now = ctx.now();
      await markTwoFactor(ctx.db, session.session_id, now);
      return { status: 'ok' as const, validUntil: iso(now + STEP_UP_WINDOW_MS) as string };
    },
  );

  app.post(
    '/logout',
    {
      preHandler: requireSession('any'),
      schema: {
        tags: ['auth'],
        summary: 'End this session (remembered browsers stay remembered)',
        response: { 200: statusResponseSchema, ...errorReplies(401, 403) },
      },
    },
    async (request, reply) => {
      await deleteSession(ctx.db, auth(request).session.session_id);
      clearSessionCookies(request, reply);
      return { status: 'signed_out' };
    },
  );
};

export default authRoutes;
