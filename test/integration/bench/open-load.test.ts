import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, openLoad } from '../../../bench/server-support/load';

/** What the fixed-rate phase of the server benches reports, against a loopback server that answers each path its way. */
describe('openLoad over raw sockets', () => {
  let server: Server;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
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

  it.each([
    ['/ok', { 200: 100 }, 100],
    ['/fail', { 500: 100 }, 0],
    ['/chunked', { unreadable: 100 }, 0],
    ['/hang-up', { error: 100 }, 0],
  ])('%s: every request gets one outcome', async (path, statuses, ok) => {
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

  it('times each answer from its scheduled start, so requests queued behind busy sockets count their wait', async () => {
    // One socket, answers after 50 ms, a request every 10 ms: the queue grows by 4 requests per answer.
    const r = await openLoad({ url, next: () => json('GET', '/slow'), rate: 100, seconds: 0.2, connections: 1 });
    expect(r.ok).toBe(20);
    expect(r.p50).toBeGreaterThan(200);
    expect(Math.min(...r.latencies)).toBeGreaterThanOrEqual(50);
  });
});
