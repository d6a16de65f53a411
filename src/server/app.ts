import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../shared/result';
import { type AppConfig, type Config, parseConfig } from './config';
import { checkConnection, type DatabaseTarget, type DbHandle, openDatabase, parseDatabaseUrl } from './db/connect';
import { pendingMigrations } from './db/migrate';
import { startWalCheckpointer } from './db/wal-checkpointer';
import { loadMasterKey } from './domain/master-key';
import { SecretBox } from './domain/secret-box';
import { openApiTransform, serializerCompiler, validatorCompiler } from './http/zod-provider';
import { MailDispatcher } from './mail/dispatcher';
import { createTransport } from './mail/transport';
import authPlugin from './plugins/auth';
import contextPlugin from './plugins/context';
import errorsPlugin, { BODY_LIMIT_BYTES } from './plugins/errors';
import securityHeaders from './plugins/security-headers';
import webPlugin from './plugins/web';
import adminRoutes from './routes/api/admin/index';
import authRoutes from './routes/api/auth/index';
import healthRoutes from './routes/api/health';
import meRoutes from './routes/api/me/index';
import type { Ctx } from './services/context';

/** Strict CSP for the account pages: our own scripts only, no framing, data: only for images. */
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

async function openChecked(target: DatabaseTarget, config: Config): Promise<DbHandle> {
  const { poolSize, namedStatements } = config;
  const handle = openDatabase(target, { poolSize, namedStatements });
  try {
    await checkConnection(handle);
    const pending = await pendingMigrations(handle.db);
    if (pending.length > 0) {
      throw new AppError(
        'not_migrated',
        `The database at ${handle.where} has ${pending.length} pending migration(s) (${pending.join(', ')}): run "twofold-server migrate" first.`,
      );
    }
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The service, ready to listen: external plugins (cookies, security headers, OpenAPI), then
 * the app's own (errors, context, auth), then the routes under /api, then the
 * account pages. The caller listens (or uses app.inject); closing the app closes
 * the database and stops the mail dispatcher.
 */
export async function buildApp(input: AppConfig): Promise<FastifyInstance> {
  const config = parseConfig(input);
  const target = parseDatabaseUrl(config.database);
  const handle = await openChecked(target, config);
  const box = new SecretBox(loadMasterKey({ secretKey: config.secretKey, dataDir: config.dataDir }));

  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const mail = new MailDispatcher({
    db: handle.db,
    transport: createTransport({ smtpUrl: config.smtpUrl, dataDir: config.dataDir }),
    from: config.mailFrom,
    now: config.clock,
    onError: (kind) => app.log.warn({ kind }, 'mail dispatch problem'),
  });
  const ctx: Ctx = { db: handle.db, engine: handle.engine, box, now: config.clock, mail };

  await app.register(fastifyCookie);
  await app.register(securityHeaders, { contentSecurityPolicy: CSP, referrerPolicy: { policy: 'no-referrer' } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Twofold 2FA service', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: openApiTransform as never,
  });

  await app.register(errorsPlugin);
  await app.register(contextPlugin, { ctx });
  await app.register(authPlugin);

  app.addHook('onSend', async (request, reply) => {
    // API answers carry tokens and personal data: never cache them.
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(webPlugin, { webDir: config.webDir });

  const checkpointer =
    config.backgroundCheckpoints && config.cliScript && target.engine === 'sqlite' && target.path !== ':memory:'
      ? await startWalCheckpointer(handle.db, {
          cli: config.cliScript,
          path: target.path,
          log: app.log,
          slowRestartMs: config.slowRestartMs,
        })
      : null;

  mail.start(config.mailPollMs);
  app.addHook('onClose', async () => {
    await mail.stop();
    await checkpointer?.stop();
    await handle.close();
  });
  return app;
}
