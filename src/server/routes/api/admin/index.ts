import type { FastifyPluginAsync } from 'fastify';
import { orgListSchema } from '../../../../shared/api';
import { hasConsoleAccess, visibilityScope } from '../../../../shared/policy';
import { fail } from '../../../http/errors';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import { auth, meta, requireSession } from '../../../plugins/auth';
import { listOrgs } from '../../../repositories/orgs';
import { auditRefusedReset } from '../../../services/reset';
import { toOrg } from '../../../services/views';
import auditRoutes from './audit';
import userRoutes from './users';

/** The admin console's API: a full session and a role with console access (client_ops has none). */
const adminRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.addHook('preHandler', requireSession('full'));
  app.addHook('preHandler', async (request) => {
    const { subject } = auth(request);
    if (hasConsoleAccess(subject)) return;
    if (request.method === 'POST' && request.routeOptions.url?.endsWith('/2fa/reset')) {
      const { id } = request.params as { id: string };
      const reason = (request.body as { reason?: string } | undefined)?.reason?.trim() || null;
      await auditRefusedReset(
        ctx,
        { actorId: subject.id, targetId: id, reason, outcome: 'no_console_access' },
        meta(request),
      );
    }
    throw fail.forbidden('Your role has no access to the admin console.');
  });

  app.get(
    '/orgs',
    {
      schema: {
        tags: ['admin'],
        summary: 'Organisations within your visibility (for the console’s filter)',
        response: { 200: orgListSchema, ...errorReplies(401, 403) },
      },
    },
    async (request) => ({ orgs: (await listOrgs(ctx.db, visibilityScope(auth(request).subject))).map(toOrg) }),
  );

  await app.register(userRoutes, { prefix: '/users' });
  await app.register(auditRoutes, { prefix: '/audit' });
};

export default adminRoutes;
