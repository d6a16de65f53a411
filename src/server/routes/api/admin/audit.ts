import type { FastifyPluginAsync } from 'fastify';
import { auditListSchema, auditQuerySchema } from '../../../../shared/api';
import { mayResetAnyone, visibilityScope } from '../../../../shared/policy';
import { auditCursor, decodeCursor, encodeCursor } from '../../../http/cursor';
import { fail } from '../../../http/errors';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import { auth } from '../../../plugins/auth';
import { listAudit } from '../../../repositories/audit';
import { toAuditEvent } from '../../../services/views';

const auditRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Audit events about users within your visibility, newest first (for those who may reset)',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...errorReplies(401, 403) },
      },
    },
    async (request) => {
      const actor = auth(request).subject;
      if (!mayResetAnyone(actor)) throw fail.forbidden('Only administrators who may reset 2FA can read the audit log.');
      const { limit = 50, cursor, targetId, actorId } = request.query;
      const before = decodeCursor(cursor, auditCursor);
      const rows = await listAudit(ctx.db, visibilityScope(actor), {
        limit: limit + 1,
        before: before ? { at: before[0], id: before[1] } : undefined,
        targetId,
        actorId,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        events: page.map(toAuditEvent),
        nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
      };
    },
  );
};

export default auditRoutes;
