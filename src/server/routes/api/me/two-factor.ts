import type { FastifyPluginAsync } from 'fastify';
import {
  backupCodesResponseSchema,
  codeRequestSchema,
  disableRequestSchema,
  setupResponseSchema,
  statusResponseSchema,
} from '../../../../shared/api';
import { errorReplies } from '../../../http/replies';
import type { ZodTypeProvider } from '../../../http/zod-provider';
import { auth, meta, requireSession } from '../../../plugins/auth';
import { disable, enable, regenerateBackupCodes, startSetup } from '../../../services/enrolment';

const twoFactorRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  app.post(
    '/setup',
    {
      preHandler: requireSession('any'),
      schema: {
        tags: ['account'],
        summary: 'Start enrolment: a new secret as an otpauth URI, an SVG QR code and a manual key',
        response: { 200: setupResponseSchema, ...errorReplies(401, 403, 409) },
      },
    },
    async (request) => startSetup(ctx, auth(request).session.user_id),
  );

  app.post(
    '/enable',
    {
      preHandler: requireSession('any'),
      schema: {
        tags: ['account'],
        summary: 'Verify the first code; answers 10 backup codes, shown once',
        body: codeRequestSchema,
        response: { 200: backupCodesResponseSchema, ...errorReplies(401, 403, 409) },
      },
    },
    async (request) => {
      const { session } = auth(request);
      return enable(ctx, session.user_id, session.session_id, request.body.code, meta(request));
    },
  );

  app.post(
    '/backup-codes',
    {
      preHandler: requireSession('full'),
      schema: {
        tags: ['account'],
        summary: 'New backup codes for a current code; the old ones stop working',
        body: codeRequestSchema,
        response: { 200: backupCodesResponseSchema, ...errorReplies(401, 403, 409, 423, 429) },
      },
    },
    async (request) => regenerateBackupCodes(ctx, auth(request).session.user_id, request.body.code, meta(request)),
  );

  app.post(
    '/disable',
    {
      preHandler: requireSession('full'),
      schema: {
        tags: ['account'],
        summary: 'Turn 2FA off with the password and a current code (refused when the organisation requires 2FA)',
        body: disableRequestSchema,
        response: { 200: statusResponseSchema, ...errorReplies(401, 403, 409, 423, 429) },
      },
    },
    async (request) => {
      await disable(ctx, auth(request).session.user_id, request.body.password, request.body.code, meta(request));
      return { status: 'disabled' };
    },
  );
};

export default twoFactorRoutes;
