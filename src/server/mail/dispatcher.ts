import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { claimMail, dueMail, markFailed, markSent } from '../repositories/mail-queue';
import type { MailTransport } from './transport';

/**
 * Sends what the transactional outbox (mail_queue) holds. A change and its mail
 * commit together; this sends after commit, right away when kicked and on a
 * timer for anything left by a crash or a failed attempt. Claims make each
 * message go out once even with several service instances.
 */
export class MailDispatcher {
  readonly #db: Kysely<DB>;
  readonly #transport: MailTransport;
  readonly #from: string;
  readonly #now: () => number;
  readonly #onError: (kind: string) => void;
  #running: Promise<number> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(opts: {
    db: Kysely<DB>;
    transport: MailTransport;
    from: string;
    now: () => number;
    onError: (kind: string) => void;
  }) {
    this.#db = opts.db;
    this.#transport = opts.transport;
    this.#from = opts.from;
    this.#now = opts.now;
    this.#onError = opts.onError;
  }

  start(pollMs: number): void {
    this.#timer = setInterval(() => this.kick(), pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => 0);
  }

  /** Asks for a pass soon; never throws into the caller. */
  kick(): void {
    this.flush().catch((error: unknown) => this.#onError(error instanceof Error ? error.name : 'unknown'));
  }

  /** Sends everything due now; resolves with how many messages this pass sent. */
  async flush(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#pass().finally(() => {
      this.#running = null;
    });
    const sent = await this.#running;
    if (this.#again) {
      this.#again = false;
      return sent + (await this.flush());
    }
    return sent;
  }

  async #pass(): Promise<number> {
    let sent = 0;
    for (const mail of await dueMail(this.#db, this.#now())) {
      if (!(await claimMail(this.#db, mail.id, this.#now()))) continue;
      try {
        await this.#transport.send({ from: this.#from, to: mail.to_address, subject: mail.subject, text: mail.body });
        await markSent(this.#db, mail.id, this.#now());
        sent++;
      } catch (error) {
        const kind =
          error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown';
        await markFailed(this.#db, mail.id, kind);
        this.#onError(`mail send failed: ${kind}`);
      }
    }
    return sent;
  }
}
