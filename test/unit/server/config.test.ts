import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_DATABASE, parseConfig } from '../../../src/server/config';

describe('configuration', () => {
  it('reads the documented environment variables', () => {
    expect(
      configFromEnv({
        DATABASE_URL: 'postgres://h/db',
        TWOFOLD_PORT: '9000',
        TWOFOLD_TRUST_PROXY: 'true',
        TWOFOLD_LOG_LEVEL: 'warn',
        TWOFOLD_SMTP_URL: 'smtp://mail:25',
        TWOFOLD_PG_NAMED_STATEMENTS: 'false',
        TWOFOLD_SQLITE_WAL_LIMIT_MB: '128',
        TWOFOLD_SQLITE_SLOW_RESTART_MS: '0',
      }),
    ).toEqual({
      database: 'postgres://h/db',
      port: 9000,
      trustProxy: true,
      logLevel: 'warn',
      smtpUrl: 'smtp://mail:25',
      namedStatements: false,
      walLimitMb: 128,
      slowRestartMs: 0,
    });
  });

  it('fills defaults and keeps the clock', () => {
    const clock = () => 42;
    const config = parseConfig({ clock });
    expect(config).toMatchObject({
      database: DEFAULT_DATABASE,
      host: '127.0.0.1',
      port: 8787,
      trustProxy: false,
      namedStatements: true,
      walLimitMb: 256,
      slowRestartMs: 50,
    });
    expect(config.clock()).toBe(42);
  });

  it.each([
    [{ TWOFOLD_PORT: 'eighty' }, /TWOFOLD_PORT must be a whole number/],
    [{ TWOFOLD_DB_POOL: '-1' }, /TWOFOLD_DB_POOL must be a whole number/],
  ])('refuses %j with a sentence', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('names the bad setting', () => {
    expect(() => parseConfig({ logLevel: 'loud' as never })).toThrow(/"logLevel" is not valid/);
    expect(() => parseConfig({ port: 70_000 })).toThrow(/"port" is not valid/);
    expect(() => parseConfig({ walLimitMb: 0 })).toThrow(/"walLimitMb" is not valid/);
  });
});
