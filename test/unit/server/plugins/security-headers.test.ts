import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../../src/server/plugins/security-headers';

/** What helmet's own middleware leaves on a real response, the way @fastify/helmet ran it per request. */
function headersHelmetSets(options: HelmetOptions): Record<string, unknown> {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('X-Powered-By', 'something');
  helmet(options)(res.req, res, () => undefined);
  return res.getHeaders();
}

describe('securityHeaders', () => {
  it.each<[string, HelmetOptions]>([
    ['defaults', {}],
    [
      'the service: its own CSP, no-referrer',
      {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
        },
        referrerPolicy: { policy: 'no-referrer' },
      },
    ],
    ['no CSP, no HSTS', { contentSecurityPolicy: false, strictTransportSecurity: false }],
  ])('records exactly what helmet sets per request: %s', (_name, options) => {
    const { set, removed } = securityHeaders(options);
    const recorded = Object.fromEntries(set.map(([name, value]) => [name.toLowerCase(), value]));
    expect(recorded).toEqual(headersHelmetSets(options));
    expect(removed).toContain('X-Powered-By');
  });

  it('refuses options helmet refuses, at start-up', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } })).toThrow(
      /"self" should be quoted/,
    );
  });
});
