import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { fail } from '../http/errors';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Twofold</title></head>
<body><main><h1>Twofold</h1>
<p>The account pages are not built yet. Run <code>npm run build</code>, then restart the service.</p>
<p>The API is up: <a href="/api/health">/api/health</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</main></body></html>
`;

/**
 * The account pages (out/web, built by Vite) at `/`, with the SPA fallback to
 * index.html for any GET that is not under /api. Unknown /api paths answer the
 * JSON 404; without a build, `/` says how to make one.
 */
const web: FastifyPluginAsync<{ webDir: string }> = async (app, opts) => {
  const built = existsSync(join(opts.webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api');
    if (!isPage) {
      const error = fail.notFound('That address');
      return reply.code(error.status).send(error.body());
    }
    reply.header('Cache-Control', 'no-cache');
    if (built) return reply.sendFile('index.html');
    return reply
      .code(path === '/' ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(NOT_BUILT);
  });
};

export default fp(web, { name: 'twofold-web' });
