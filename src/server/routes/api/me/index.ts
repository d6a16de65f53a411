import type { FastifyPluginAsync } from 'fastify';
import { deviceListSchema, idParamsSchema, meSchema, statusResponseSchema } from '../../../../shared/api';
import { fail } from '../../../http/errors';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import { auth, requireSession } from '../../../plugins/auth';
import { deleteDevice, listDevices } from '../../../repositories/devices';
import { loadMe, toDevice } from '../../../services/views';
import twoFactorRoutes from './two-factor';

const meRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.get(
    '/',
    {
      preHandler: requireSession('any'),
      schema: {
        tags: ['account'],
        summary: 'The signed-in user, their organisation and 2FA state',
        response: { 200: meSchema, ...errorReplies(401, 403) },
      },
    },
    async (request) => loadMe(ctx, auth(request).session.user_id),
  );

  app.get(
    '/devices',
    {
      preHandler: requireSession('full'),
      schema: {
        tags: ['account'],
        summary: 'Remembered browsers that skip the code at sign-in',
        response: { 200: deviceListSchema, ...errorReplies(401, 403) },
      },
    },
    async (request) => {
      const { session } = auth(request);
      const rows = await listDevices(ctx.db, session.user_id, ctx.now());
      return { devices: rows.map((row) => toDevice(row, session.device_id)) };
    },
  );

  app.delete(
    '/devices/:id',
    {
      preHandler: requireSession('full'),
      schema: {
        tags: ['account'],
        summary: 'Forget a remembered browser',
        params: idParamsSchema,
        response: { 200: statusResponseSchema, ...errorReplies(401, 403, 404) },
      },
    },
    async (request) => {
      const removed = await deleteDevice(ctx.db, auth(request).session.user_id, request.params.id);
      if (!removed) throw fail.notFound('That remembered browser');
      return { status: 'removed' };
    },
  );

  await app.register(twoFactorRoutes, { prefix: '/2fa' });
};

export default meRoutes;
