import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailDispatcher } from '../../../src/server/mail/dispatcher';
import { createTransport, OUTBOX_DIR } from '../../../src/server/mail/transport';
import { enqueueMail } from '../../../src/server/repositories/mail-queue';
import { readOutbox } from '../../support/service';
import { ENGINES } from './support/engines';
import { type Harness, startHarness } from './support/harness';

/** A minimal SMTP server (RFC 5321 happy path) that keeps what it receives. */
function smtpServer(): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket: Socket) => {
    let data = false;
    let buffer = '';
    let message = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\r\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (data) {
          if (line === '.') {
            data = false;
            received.push(message);
            message = '';
            socket.write('250 queued\r\n');
          } else message += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
        else if (/^DATA/i.test(line)) {
          data = true;
          socket.write('354 go\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
        nl = buffer.indexOf('\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port, received }),
    ),
  );
}

describe.each(ENGINES)('mail outbox on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine, 'mail');
  });
  afterAll(() => h.close());

  it('writes queued mail as .eml into <dataDir>/outbox once, and marks it sent', async () => {
    await enqueueMail(h.ctx.db, { to: 'x@y.test', subject: 'Hello', body: 'Line one\nLine two' }, h.clock.t);
    expect(await h.ctx.mail.flush()).toBe(1);
    expect(await h.ctx.mail.flush()).toBe(0);
    const mail = await readOutbox(join(h.scratch.dir, OUTBOX_DIR));
    expect(mail).toEqual([{ to: 'x@y.test', subject: 'Hello', text: 'Line one\nLine two' }]);
  });

  it('sends through SMTP when configured, and retries a message the server could not take', async () => {
    const smtp = await smtpServer();
    const errors: string[] = [];
    const dispatcher = new MailDispatcher({
      db: h.ctx.db,
      transport: createTransport({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, dataDir: h.scratch.dir }),
      from: 'Twofold <no-reply@twofold.test>',
      now: h.clock.now,
      onError: (kind) => errors.push(kind),
    });
    await enqueueMail(h.ctx.db, { to: 'smtp@y.test', subject: 'Via SMTP', body: 'Body' }, h.clock.t);
    expect(await dispatcher.flush()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatch(/^To: smtp@y\.test$/m);
    expect(smtp.received[0]).toMatch(/^Subject: Via SMTP$/m);

    await new Promise<void>((r) => smtp.server.close(() => r()));
    await enqueueMail(h.ctx.db, { to: 'later@y.test', subject: 'Later', body: 'Body' }, h.clock.t);
    expect(await dispatcher.flush()).toBe(0);
    expect(errors.join()).toMatch(/mail send failed/);
    const row = await h.ctx.db
      .selectFrom('mail_queue')
      .selectAll()
      .where('to_address', '=', 'later@y.test')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sent_at: null, claimed_at: null, attempts: 1 });
    // The outbox transport picks it up on the next pass.
    expect(await h.ctx.mail.flush()).toBe(1);
  });
});
