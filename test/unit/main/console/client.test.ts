import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normaliseServiceUrl, ServiceClient } from '../../../../src/main/console/client';
import { AppError } from '../../../../src/shared/result';

describe('service address', () => {
  it.each([
    ['twofold.example.com', 'https://twofold.example.com'],
    ['https://twofold.example.com/admin/', 'https://twofold.example.com'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
  ])('%s is read as %s', (input, origin) => {
    expect(normaliseServiceUrl(input)).toBe(origin);
  });

  it.each([
    ['http://twofold.example.com', 'insecure_service_url'],
    ['ftp://twofold.example.com', 'invalid_service_url'],
    ['https://', 'invalid_service_url'],
  ])('%s is refused with %s', (input, code) => {
    expect(() => normaliseServiceUrl(input)).toThrow(expect.objectContaining({ code }));
  });
});

/** A service answering one fixed response, so each error shape can be checked in isolation. */
const answering = (status: number, body: unknown) =>
  new ServiceClient('http://127.0.0.1:1', async () => new Response(JSON.stringify(body), { status }));

describe('service errors become sentences', () => {
  it.each([
    [401, 'invalid_credentials', /do not match/],
    [401, 'step_up_required', /fresh code/],
    [403, 'forbidden', /not allowed/],
    [403, 'self_reset_not_allowed', /your own 2FA/],
    [404, 'not_found', /outside your scope/],
    [409, 'not_enrolled', /not enrolled/],
    [401, 'invalid_code', /not right/],
  ])('%i %s', async (status, code, sentence) => {
    const client = answering(status, { error: { code, message: 'service text' } });
    const error = await client.request('/x', { schema: z.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toMatch(sentence);
  });

  it('too_many_attempts says when to try again', async () => {
    const client = answering(429, { error: { code: 'too_many_attempts', message: 'slow down', retryAfter: 42 } });
    await expect(client.request('/x', { schema: z.unknown() })).rejects.toThrow('Try again in 42 s.');
  });

  it('an unknown code keeps the service message', async () => {
    const client = answering(400, { error: { code: 'brand_new_code', message: 'A new rule said no.' } });
    await expect(client.request('/x', { schema: z.unknown() })).rejects.toThrow('A new rule said no.');
  });

  it('a body that is not the error shape is a sentence, not a stack trace', async () => {
    const error = (await answering(502, '<html>bad gateway</html>')
      .request('/x', { schema: z.unknown() })
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('internal');
    expect(error.message).not.toMatch(/html|at /);
  });

  it('an answer of the wrong shape is refused as a mismatch', async () => {
    const client = answering(200, { surprise: true });
    await expect(client.request('/x', { schema: z.object({ users: z.array(z.string()) }) })).rejects.toThrow(
      /does not understand/,
    );
  });

  it('an unreachable service names its address', async () => {
    const client = new ServiceClient('http://127.0.0.1:9', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(client.request('/x', { schema: z.unknown() })).rejects.toThrow(
      'Could not reach the service at http://127.0.0.1:9.',
    );
  });
});
