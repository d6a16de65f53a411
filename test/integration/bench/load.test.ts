import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, load, openLoad } from '../../../bench/server-support/load';

/** What the server benches' load phases report, against a loopback server that answers each path its way. */
describe('load phases over raw sockets', () => {
  let server: Server;
  let url: string;
  const bodies: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      res.on('close', () => inFlight--);
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push(body);
        if (req.url === '/chunked') {
          res.write('{"part":');
          res.end('1}');
        } else if (req.url === '/hang-up') req.socket.destroy();
        else if (req.url === '/slow') setTimeout(() => res.end('{}'), 50);
        else if (req.url === '/never') return;
        else {
          res.statusCode = req.url === '/fail' ? 500 : 200;
          res.setHeader('content-type', 'application/json');
          res.end('{"ok":true}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Each path's one outcome, for 100 requests. */
  const OUTCOMES = [
    ['/ok', { 200: 100 }, 100],
    ['/fail', { 500: 100 }, 0],
    ['/chunked', { unreadable: 100 }, 0],
    ['/hang-up', { error: 100 }, 0],
  ] as const;

  it.each(OUTCOMES)('%s: every request gets one outcome', async (path, statuses, ok) => {
    const r = await openLoad({
      url,
      next: () => json('POST', path, { n: 1 }),
      rate: 200,
      seconds: 0.5,
      connections: 4,
    });
    expect(r.statuses).toEqual(statuses);
    expect(r.ok).toBe(ok);
    expect(r.failed).toBe(100 - ok);
  });

  it('sends each request its own body, whole', async () => {
    bodies.length = 0;
    let n = 0;
    await openLoad({
      url,
      next: () => json('POST', '/ok', { n: n++, pad: 'x'.repeat(5000) }),
      rate: 100,
      seconds: 0.5,
      connections: 2,
    });
    expect(bodies.map((b) => JSON.parse(b).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  describe('load (closed loop)', () => {
    it.each(OUTCOMES)('%s: sends exactly `amount` requests, each with one outcome', async (path, statuses, ok) => {
      const r = await load({ url, next: () => json('POST', path, { n: 1 }), connections: 4, amount: 100 });
      expect(r.statuses).toEqual(statuses);
      expect(r.ok).toBe(ok);
    });

    it('keeps `connections` requests out at once, never more, each with its own body', async () => {
      bodies.length = 0;
      mostInFlight = 0;
      let n = 0;
      const r = await load({ url, next: () => json('POST', '/slow', { n: n++ }), connections: 3, amount: 12 });
      expect(mostInFlight).toBe(3);
      expect(bodies.map((b) => JSON.parse(b).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      // Four rounds of 50 ms answers: the rate is what three sockets at 50 ms can do, the latency each answer's own.
      expect(r.seconds).toBeGreaterThanOrEqual(0.2);
      expect(r.rate).toBeLessThanOrEqual(60);
      expect(r.p50).toBeGreaterThanOrEqual(50);
    });

    it('stops sending when `seconds` are up and ends at its last answer', async () => {
      const r = await load({ url, next: () => json('GET', '/slow'), connections: 2, seconds: 0.3 });
      // 2 sockets × 50 ms answers in 0.3 s: at most 12, plus the two sent just before the end (fewer on a busy machine).
      expect(r.ok).toBeGreaterThanOrEqual(2);
      expect(r.ok).toBeLessThanOrEqual(14);
      expect(r.seconds).toBeGreaterThanOrEqual(0.3);
      expect(r.seconds).toBeLessThan(0.3 + 1);
    });

    it('gives up on answers that never come once nothing has answered for `stallMs`', async () => {
      const r = await load({ url, next: () => json('GET', '/never'), connections: 3, amount: 10, stallMs: 200 });
      expect(r.statuses).toEqual({ timeout: 3 });
      expect(r.ok).toBe(0);
    });
  });

  it('times each answer from its scheduled start, so requests queued behind busy sockets count their wait', async () => {
    // One socket, answers after 50 ms, a request every 10 ms: the queue grows by 4 requests per answer.
    const r = await openLoad({ url, next: () => json('GET', '/slow'), rate: 100, seconds: 0.2, connections: 1 });
    expect(r.ok).toBe(20);
    expect(r.p50).toBeGreaterThan(200);
    expect(Math.min(...r.latencies)).toBeGreaterThanOrEqual(50);
  });
});
