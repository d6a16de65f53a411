import fp from 'fastify-plugin';
import type { Ctx } from '../services/context';

declare module 'fastify' {
  interface FastifyInstance {
    /** Database, sealing key, clock and mail outbox, shared by every route. */
    ctx: Ctx;
  }
}

/** Makes the app's services reachable from routes and hooks as `app.ctx` / `request.server.ctx`. */
export default fp<{ ctx: Ctx }>(
  async (app, opts) => {
    app.decorate('ctx', opts.ctx);
  },
  { name: 'twofold-context' },
);
