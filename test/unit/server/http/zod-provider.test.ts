import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InputError,
  openApiTransform,
  serializerCompiler,
  validatorCompiler,
} from '../../../../src/server/http/zod-provider';

const schema = z.object({ email: z.string().min(1), nested: z.object({ n: z.number() }).optional() });

const withNotes = z.object({
  email: z.string().optional(),
  id: z.string().optional(),
  nested: z.object({ n: z.number(), note: z.string() }).optional(),
});

describe('zod in Fastify', () => {
  const validate = validatorCompiler({ schema, method: 'POST', url: '/x', httpPart: 'body' });

  it('passes parsed values through', () => {
    expect(validate({ email: 'a' })).toEqual({ value: { email: 'a' } });
  });

  it.each([
    [{}, 'email'],
    [{ email: 'a', nested: { n: 'x' } }, 'nested.n'],
    ['just a string', 'body'],
  ])('names the first bad field of %j', (input, field) => {
    const result = validate(input) as { error: InputError };
    expect(result.error).toBeInstanceOf(InputError);
    expect(result.error.field).toBe(field);
    expect(result.error.message).toContain(`"${field}"`);
  });

  it.each([
    [{ email: 'a\u0000b' }, 'body', 'email'],
    [{ email: 'a', nested: { n: 1, note: '\u0000' } }, 'body', 'nested.note'],
    [{ id: 'x\u0000' }, 'params', 'id'],
  ])('refuses a NUL character in %j (%s) and names the field', (input, httpPart, field) => {
    const check = validatorCompiler({ schema: withNotes, method: 'POST', url: '/x', httpPart });
    const result = check(input) as { error?: InputError };
    expect(result.error).toBeInstanceOf(InputError);
    expect(result.error?.message).toMatch(/NUL character \(U\+0000\)/);
    expect(result.error?.field).toBe(field);
  });

  it('lets through a NUL in a key the schema drops', () => {
    expect(validate({ email: 'a', extra: '\u0000' })).toEqual({ value: { email: 'a' } });
  });

  it('serialises only what the reply schema allows, and refuses a reply of the wrong shape', () => {
    const serialise = serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(JSON.parse(serialise({ email: 'a', password_hash: 'leak' }))).toEqual({ email: 'a' });
    expect(() => serialise({ nope: 1 })).toThrow(/does not match its schema at email/);
  });

  it('turns zod schemas into JSON Schema for OpenAPI', () => {
    const { schema: out } = openApiTransform({ schema: { body: schema, response: { 200: schema } }, url: '/x' });
    expect(out.body).toMatchObject({ type: 'object', required: ['email'] });
    expect((out.response as Record<string, unknown>)['200']).toMatchObject({ type: 'object' });
  });
});
