import type { FastifyPluginAsync } from 'fastify';
import {
  adminUserSchema,
  idParamsSchema,
  resetRequestSchema,
  userListQuerySchema,
  userListSchema,
} from '../../../../shared/api';
import { decodeCursor, encodeCursor, userCursor } from '../../../http/cursor';
import { fail } from '../../../http/errors';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import { auth, meta } from '../../../plugins/auth';
import { queryAdminUsers } from '../../../repositories/admin-users';
import { resetTwoFactor } from '../../../services/reset';
import { toAdminUser } from '../../../services/views';

export const DEFAULT_PAGE = 50;

const userRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  async function loadVisible(actor: ReturnType<typeof auth>['subject'], id: string) {
    const [row] = await queryAdminUsers(ctx.db, ctx.engine, actor, { id, limit: 1 });
    if (!row) throw fail.notFound();
    return toAdminUser(actor, row);
  }

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Search users within your visibility (keyset pages by name)',
        querystring: userListQuerySchema,
        response: { 200: userListSchema, ...errorReplies(401, 403) },
      },
    },
    async (request) => {
      const actor = auth(request).subject;
      const { q, role, orgId, limit = DEFAULT_PAGE, cursor } = request.query;
      const after = decodeCursor(cursor, userCursor);
      const rows = await queryAdminUsers(ctx.db, ctx.engine, actor, {
        q,
        role,
        orgId,
        limit: limit + 1,
        after: after ? { name: after[0], id: after[1] } : undefined,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        users: page.map((row) => toAdminUser(actor, row)),
        nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One user’s profile, with resetBlockedReason when you may not reset them',
        params: idParamsSchema,
        response: { 200: adminUserSchema, ...errorReplies(401, 403, 404) },
      },
    },
    async (request) => loadVisible(auth(request).subject, request.params.id),
  );

  app.post(
    '/:id/2fa/reset',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reset a user’s 2FA (needs a code proved in the last 10 minutes)',
        params: idParamsSchema,
        body: resetRequestSchema.optional(),
        response: { 200: adminUserSchema, ...errorReplies(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { session, subject } = auth(request);
      const reason = request.body?.reason?.trim() || null;
      await resetTwoFactor(
        ctx,
        { actorId: subject.id, actorTwoFactorAt: session.two_factor_at, targetId: request.params.id, reason },
        meta(request),
      );
      return loadVisible(subject, request.params.id);
    },
  );
};

export default userRoutes;
