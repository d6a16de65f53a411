import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider } from 'fastify';
import { type ZodType, z } from 'zod';

/**
 * Zod schemas serve three roles for every route: input validation (400 naming
 * the field), reply shaping (a reply is parsed before it is sent, so no column
 * that is not in its schema can leak), and the OpenAPI document.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends ZodType ? z.input<this['schema']> : unknown;
}

/** A request part failed its schema; `field` names the first offending field. */
export class InputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'InputError';
    this.field = field;
  }
}

/** A handler produced a reply its schema does not allow: a bug, answered as `internal`. */
export class ReplyShapeError extends Error {
  constructor(paths: string) {
    super(`Reply does not match its schema at ${paths}`);
    this.name = 'ReplyShapeError';
  }
}

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) {
      const nul = nulPath(result.data, []);
      if (nul === undefined) return { value: result.data };
      const field = nul || (httpPart ?? 'input');
      return {
        error: new InputError(
          field,
          `The field "${field}" contains a NUL character (U+0000), which no text here may hold; remove it and try again.`,
        ),
      };
    }
    const issue = result.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    const field = path || (httpPart === 'body' ? 'body' : (httpPart ?? 'input'));
    const detail = issue?.message ?? 'invalid value';
    return { error: new InputError(field, `The field "${field}" is not valid: ${detail}.`) };
  };

/**
 * Where the first string holding U+0000 sits in a parsed request part ('' for the part itself), or undefined.
 * PostgreSQL cannot store or compare such text and SQLite's full-text search refuses it, so it is turned
 * away here, once for every route, instead of reaching a query as a 500.
 */
function nulPath(value: unknown, path: string[]): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

export const serializerCompiler: FastifySerializerCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (!result.success) {
      throw new ReplyShapeError(result.error.issues.map((i) => i.path.join('.') || '(root)').join(', '));
    }
    return JSON.stringify(result.data);
  };

function toJsonSchema(schema: unknown, io: 'input' | 'output'): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/** @fastify/swagger transform: zod → JSON Schema for the OpenAPI document. */
export function openApiTransform({ schema, url }: { schema: Record<string, unknown>; url: string }) {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers']) {
    if (schema[part]) out[part] = toJsonSchema(schema[part], 'input');
  }
  const response = schema.response as Record<string, unknown> | undefined;
  if (response) {
    out.response = Object.fromEntries(Object.entries(response).map(([code, s]) => [code, toJsonSchema(s, 'output')]));
  }
  return { schema: out, url };
}
