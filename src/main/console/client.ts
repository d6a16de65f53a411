import type { z } from 'zod';
import { apiErrorBody } from '../../shared/api';
import { AppError } from '../../shared/result';
import { sentenceFor } from './messages';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** An error answered by the service, carried as data to the renderer. */
export class ServiceError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    readonly retryAfter?: number,
  ) {
    super(code, message);
    this.name = 'ServiceError';
  }
}

export interface RequestOptions<S extends z.ZodType> {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly token?: string | null;
  readonly query?: Record<string, string | number | undefined>;
  readonly schema: S;
}

const TIMEOUT_MS = 15_000;

/**
 * HTTP client for the Twofold service. It lives in main only: the bearer token
 * it is handed never crosses IPC. Every answer is parsed with the shared zod
 * schemas, and every failure becomes an AppError with a sentence.
 */
export class ServiceClient {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly fetchImpl: FetchLike = fetch,
  ) {
    this.baseUrl = normaliseServiceUrl(baseUrl);
  }

  async request<S extends z.ZodType>(path: string, opts: RequestOptions<S>): Promise<z.output<S>> {
    const url = new URL(path, `${this.baseUrl}/`);
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url.href, {
        method: opts.method ?? 'GET',
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch {
      throw new AppError(
        'service_unreachable',
        `Could not reach the service at ${this.baseUrl}. Check the address and that the service is running.`,
      );
    }
    const payload = await response.json().catch(() => undefined);
    if (!response.ok) throw toServiceError(response.status, payload);
    const parsed = opts.schema.safeParse(payload);
    if (!parsed.success) {
      throw new AppError(
        'service_mismatch',
        `The service at ${this.baseUrl} answered in a form this app does not understand. Check that it is a Twofold service of a matching version.`,
      );
    }
    return parsed.data;
  }
}

function toServiceError(status: number, payload: unknown): ServiceError {
  const body = apiErrorBody.safeParse(payload);
  if (!body.success) {
    const code = status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'bad_request';
    return new ServiceError(code, sentenceFor(code, undefined), status);
  }
  const { code, message, retryAfter } = body.data.error;
  return new ServiceError(code, sentenceFor(code, message, retryAfter), status, retryAfter);
}

/**
 * Accepts what a person types ("twofold.example.com", "http://127.0.0.1:8787/")
 * and answers an origin. Plain http is allowed only for loopback addresses, so
 * a password never crosses a network in the clear.
 */
export function normaliseServiceUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('invalid_service_url', 'Enter the service address, such as https://twofold.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid_service_url', 'The service address must start with https://.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new AppError(
      'insecure_service_url',
      'Use https:// for a service on another machine; plain http:// is allowed only for this computer.',
    );
  }
  return url.origin;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
