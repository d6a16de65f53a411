import { z } from 'zod';
import {
  adminUserSchema,
  auditListSchema,
  loginResponseSchema,
  type Me,
  orgListSchema,
  twoFactorResponseSchema,
  userListSchema,
} from '../../shared/api';
import type { Handlers } from '../../shared/ipc';
import type { ConsoleStatus, consoleChannels } from '../../shared/ipc/console';
import { AppError } from '../../shared/result';
import { type FetchLike, ServiceClient, ServiceError } from './client';

/** What the vault can offer for one-click code fill (the core's `codeFor`). */
export type VaultCodeLookup = (query: {
  issuer?: string;
  label?: string;
  host?: string;
}) =>
  | { accountId: string; issuer: string; label: string; code: string }
  | null
  | Promise<{ accountId: string; issuer: string; label: string; code: string } | null>;

export interface ConsoleOptions {
  readonly vaultCode: VaultCodeLookup;
  readonly fetch?: FetchLike;
  /** The address offered before anyone signs in (TWOFOLD_SERVICE_URL). */
  readonly defaultServiceUrl?: string;
}

interface Session {
  client: ServiceClient | null;
  email: string | null;
  stage: ConsoleStatus['stage'];
  user: Me | null;
  /** Bearer token of a signed-in session: held here, in main, and nowhere else. */
  token: string | null;
  challengeToken: string | null;
}

const emptySession = (): Session => ({
  client: null,
  email: null,
  stage: 'signed_out',
  user: null,
  token: null,
  challengeToken: null,
});

const okSchema = z.unknown();
/** The service may answer a user bare or wrapped as {user}; both read the same. */
const userAnswer = z.union([adminUserSchema, z.object({ user: adminUserSchema }).transform((a) => a.user)]);

/**
 * The admin console's main-side half: it signs in to the service, keeps the
 * session token, and makes every HTTP call the console view asks for.
 */
export function createConsole<Ctx>(opts: ConsoleOptions) {
  let session = emptySession();
  let lastServiceUrl: string | null = opts.defaultServiceUrl ?? null;

  const status = (): ConsoleStatus => ({
    serviceUrl: session.client?.baseUrl ?? lastServiceUrl,
    stage: session.stage,
    user: session.user,
  });

  const signedIn = () => {
    if (session.stage !== 'signed_in' || !session.client || !session.token) {
      throw new AppError('signed_out', 'Sign in to the console first.');
    }
    return { client: session.client, token: session.token };
  };

  /** A 401 on an authenticated call means the session was revoked or expired: forget it. */
  async function authed<T>(call: (client: ServiceClient, token: string) => Promise<T>): Promise<T> {
    const { client, token } = signedIn();
    try {
      return await call(client, token);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'unauthorized') {
        session = { ...emptySession(), client, email: session.email };
        throw new AppError('signed_out', 'Your session has ended. Sign in again.');
      }
      throw error;
    }
  }

  const handlers: Handlers<typeof consoleChannels, Ctx> = {
    status: () => status(),

    signIn: async ({ serviceUrl, email, password }) => {
      const client = new ServiceClient(serviceUrl, opts.fetch);
      lastServiceUrl = client.baseUrl;
      session = { ...emptySession(), client, email };
      const answer = await client.request('/api/auth/login', {
        method: 'POST',
        body: { email, password },
        schema: loginResponseSchema,
      });
      if (answer.status === 'signed_in') {
        session = { ...session, stage: 'signed_in', token: answer.token, user: answer.user };
      } else if (answer.status === '2fa_required') {
        session = { ...session, stage: 'code_required', challengeToken: answer.challengeToken };
      } else {
        // A setup-only token cannot use the admin API; the person enrols on the account pages.
        session = { ...session, stage: 'setup_required', user: answer.user };
      }
      return status();
    },

    submitCode: async ({ code, backupCode }) => {
      if (session.stage !== 'code_required' || !session.client || !session.challengeToken) {
        throw new AppError('signed_out', 'Enter your email and password first.');
      }
      if (!code && !backupCode) throw new AppError('code_missing', 'Enter the 6-digit code from your authenticator.');
      const body = code
        ? { challengeToken: session.challengeToken, code: code.replace(/\s+/g, '') }
        : {
            challengeToken: session.challengeToken,
            backupCode,
          };
      try {
        const answer = await session.client.request('/api/auth/2fa', {
          method: 'POST',
          body,
          schema: twoFactorResponseSchema,
        });
        session = { ...session, stage: 'signed_in', token: answer.token, user: answer.user, challengeToken: null };
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'challenge_expired') {
          session = { ...emptySession(), client: session.client, email: session.email };
        }
        throw error;
      }
      return status();
    },

    vaultCode: async () => {
      if (!session.client) return null;
      const host = new URL(session.client.baseUrl).host;
      const label = session.user?.email ?? session.email ?? undefined;
      return (await opts.vaultCode({ issuer: 'Twofold', label, host })) ?? null;
    },

    signOut: async () => {
      const { client, token } = session;
      session = { ...emptySession(), client };
      if (client && token) {
        // Best effort: the local session is gone either way.
        await client.request('/api/auth/logout', { method: 'POST', token, schema: okSchema }).catch(() => undefined);
      }
      return status();
    },

    searchUsers: (query) =>
      authed((client, token) =>
        client.request('/api/admin/users', {
          token,
          query: { q: query.q, role: query.role, orgId: query.orgId, cursor: query.cursor, limit: query.limit ?? 50 },
          schema: userListSchema,
        }),
      ),

    orgs: () =>
      authed(async (client, token) => (await client.request('/api/admin/orgs', { token, schema: orgListSchema })).orgs),

    getUser: ({ id }) =>
      authed((client, token) =>
        client.request(`/api/admin/users/${encodeURIComponent(id)}`, { token, schema: userAnswer }),
      ),

    stepUp: ({ code }) =>
      authed(async (client, token) => {
        await client.request('/api/auth/step-up', {
          method: 'POST',
          token,
          body: { code: code.replace(/\s+/g, '') },
          schema: okSchema,
        });
        return null;
      }),

    reset2fa: ({ id, reason }) =>
      authed((client, token) =>
        client.request(`/api/admin/users/${encodeURIComponent(id)}/2fa/reset`, {
          method: 'POST',
          token,
          body: reason?.trim() ? { reason: reason.trim() } : {},
          schema: userAnswer,
        }),
      ),

    audit: (query) =>
      authed((client, token) =>
        client.request('/api/admin/audit', {
          token,
          query: { cursor: query?.cursor, targetId: query?.targetId, limit: 50 },
          schema: auditListSchema,
        }),
      ),
  };

  return {
    handlers,
    /** Forgets the session (used when the app quits or the vault is reset). */
    forget(): void {
      session = { ...emptySession(), client: session.client };
    },
  };
}

export type ConsoleService = ReturnType<typeof createConsole>;
