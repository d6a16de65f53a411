import type { FastifyPluginAsync } from 'fastify';
import { orgListSchema } from '../../../../shared/api';
import { hasConsoleAccess, visibilityScope } from '../../../../shared/policy';
import { fail } from '../../../http/errors';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import { auth, requireSession } from '../../../plugins/auth';
import { listOrgs } from '../../../repositories/orgs';
import { toOrg } from '../../../services/views';
import auditRoutes from './audit';
import userRoutes from './users';

/** The admin console's API: a full session and a role with console access (client_ops has none). */
const adminRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.addHook('preHandler', requireSession('full'));
  app.addHook('preHandler', async (request) => {
    if (!hasConsoleAccess(auth(request).subject)) throw fail.forbidden('Your role has no access to the admin console.');
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
