import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  readonly kind: 'outbox' | 'smtp';
}

export const OUTBOX_DIR = 'outbox';

/**
 * SMTP through nodemailer when a URL is configured; otherwise each message is
 * composed the same way and written as an .eml file into <dataDir>/outbox.
 */
export function createTransport(opts: { smtpUrl?: string | undefined; dataDir: string }): MailTransport {
  if (opts.smtpUrl) {
    const smtp = nodemailer.createTransport(opts.smtpUrl);
    return {
      kind: 'smtp',
      send: async (mail) => {
        await smtp.sendMail(mail);
      },
    };
  }
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = join(opts.dataDir, OUTBOX_DIR);
  return {
    kind: 'outbox',
    send: async (mail) => {
      const info = await composer.sendMail(mail);
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      await writeFile(join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
