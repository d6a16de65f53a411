import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, fail } from '../http/errors';
import { InputError } from '../http/zod-provider';

const INTERNAL = {
  error: {
    code: 'internal',
    message: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
  },
};

/** The largest request body the service reads; no request here needs more than a few hundred bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify's own client errors, answered in our shape with sentences of our own (never its internals). */
function clientError(error: FastifyError): ApiError | null {
  const status = error.statusCode ?? 500;
  if (status >= 500) return null;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'bad_request', 'Send the body as JSON (Content-Type: application/json).', {
        field: 'body',
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        413,
        'bad_request',
        `The request body is over the ${BODY_LIMIT_BYTES / 1024} KB limit; send only the fields the endpoint takes.`,
        { field: 'body' },
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fail.badRequest('body', 'The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fail.badRequest('body', 'The Content-Length does not match the body.');
    default:
      if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        return fail.badRequest('body', 'The body is not valid JSON.');
      }
      if (status === 404) return fail.notFound('That address');
      return new ApiError(status, 'bad_request', 'The request is not valid.');
  }
}

/**
 * Every error leaves as {"error":{code, message, field?, retryAfter?}}. Unexpected
 * ones are logged by kind (with the request id) and answered as `internal`, so
 * no stack trace, SQL or secret reaches the client.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((raw: FastifyError, request, reply) => {
      let error: ApiError | null = null;
      if (raw instanceof ApiError) error = raw;
      else if (raw instanceof InputError) error = fail.badRequest(raw.field, raw.message);
      else if (raw.validation) error = fail.badRequest('input', 'The request is not valid.');
      else error = clientError(raw);

      if (!error) {
        request.log.error({ err: { type: raw.name, code: raw.code } }, 'request failed');
        return reply.code(500).type('application/json').send(INTERNAL);
      }
      if (error.retryAfter !== undefined) reply.header('Retry-After', String(error.retryAfter));
      return reply.code(error.status).send(error.body());
    });
  },
  { name: 'twofold-errors' },
);
