import type { Kysely } from 'kysely';
import type { Engine } from '../db/connect';
import type { DB } from '../db/schema';
import type { SecretBox } from '../domain/secret-box';
import type { MailDispatcher } from '../mail/dispatcher';

/** What the domain services need: the database, the sealing key, the clock and the mail outbox. */
export interface Ctx {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  readonly box: SecretBox;
  readonly now: () => number;
  readonly mail: MailDispatcher;
}

/** Who is asking, for audit events and remembered-device labels. */
export interface RequestMeta {
  readonly ip: string | null;
  readonly userAgent: string | undefined;
  readonly requestId: string;
}
