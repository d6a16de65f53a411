import type { z } from 'zod';
import { meSchema } from '../../../shared/api/auth';
import { apiErrorBody } from '../../../shared/api/errors';
import { anyBody, backupCodesSchema, devicesSchema, setupSchema, webLoginSchema, webSignedInSchema } from './schemas';

/** A failed call, as data: the service's error code, or `network` / `bad_response` for what never reached it. */
export interface ApiFailure {
  readonly code: string;
  readonly message: string;
  readonly status: number;
  readonly retryAfter?: number;
}
export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiFailure };

export interface ClientDeps {
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Reads a cookie visible to script; the CSRF token is one, the session cookie is HttpOnly and never is. */
  readonly readCookie: (name: string) => string | null;
}

export const CSRF_COOKIE = 'twofold_csrf';

function failure(code: string, message: string, status: number, retryAfter?: number): ApiResult<never> {
  return {
    ok: false,
    error: retryAfter === undefined ? { code, message, status } : { code, message, status, retryAfter },
  };
}

/** The account pages' only way to the service. Every answer is validated before a page sees it. */
export function createClient(deps: ClientDeps) {
  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<ApiResult<z.output<S>>> {
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Twofold-Client': 'web' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      // Double-submit CSRF defence: a cross-site form can send the cookie but cannot read it into a header.
      const csrf = deps.readCookie(CSRF_COOKIE);
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    let res: Response;
    try {
      res = await deps.fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      return failure('network', 'The service could not be reached.', 0);
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!res.ok) {
      const parsed = apiErrorBody.safeParse(json);
      if (!parsed.success) return failure(`http_${res.status}`, 'The service answered with an error.', res.status);
      const e = parsed.data.error;
      const retry = e.retryAfter ?? retryAfterHeader(res.headers.get('Retry-After'));
      return failure(e.code, e.message, res.status, retry);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return failure('bad_response', 'The service answered in an unexpected shape.', res.status);
    return { ok: true, value: parsed.data };
  }

  return {
    login: (email: string, password: string) => call('POST', '/api/auth/login', webLoginSchema, { email, password }),
    submitCode: (args: { challengeToken: string; code?: string; backupCode?: string; rememberDevice?: boolean }) =>
      call('POST', '/api/auth/2fa', webSignedInSchema, args),
    logout: () => call('POST', '/api/auth/logout', anyBody),
    me: () => call('GET', '/api/me', meSchema),
    setup: () => call('POST', '/api/me/2fa/setup', setupSchema),
    enable: (code: string) => call('POST', '/api/me/2fa/enable', backupCodesSchema, { code }),
    regenerateBackupCodes: (code: string) => call('POST', '/api/me/2fa/backup-codes', backupCodesSchema, { code }),
    disable: (password: string, code: string) => call('POST', '/api/me/2fa/disable', anyBody, { password, code }),
    devices: () => call('GET', '/api/me/devices', devicesSchema),
    revokeDevice: (id: string) => call('DELETE', `/api/me/devices/${encodeURIComponent(id)}`, anyBody),
  } as const;
}

export type Client = ReturnType<typeof createClient>;

function retryAfterHeader(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Reads one cookie from a `document.cookie` string. */
export function cookieFrom(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
