import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { healthSchema } from '../../../shared/api';
import { errorReplies } from '../../http/replies';
import type { ZodTypeProvider } from '../../http/zod-provider';

const healthRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.get(
    '/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness and database reachability (for load balancers)',
        response: { 200: healthSchema, ...errorReplies() },
      },
    },
    async () => {
      // A failing database surfaces as a 500 `internal`, which a load balancer treats as unhealthy.
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, database: ctx.engine };
    },
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export default healthRoutes;
