import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Dispatcher } from '../../../src/main/ipc/dispatcher';
import { defineChannel, noArgs } from '../../../src/shared/ipc';
import { AppError } from '../../../src/shared/result';

const channels = {
  echo: defineChannel('test:echo', z.object({ text: z.string().max(5) }), z.object({ text: z.string() })),
  boom: defineChannel('test:boom', noArgs, z.null()),
  refuse: defineChannel('test:refuse', noArgs, z.null()),
  lie: defineChannel('test:lie', noArgs, z.number()),
} as const;

function setup() {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const dispatcher = new Dispatcher<{ who: string }>(log).register(channels, {
    echo: ({ text }) => ({ text }),
    boom: () => {
      throw new Error('secret JBSWY3DPEHPK3PXP leaked in a message');
    },
    refuse: () => {
      throw new AppError('vault_locked', 'The vault is locked. Unlock it to see your codes.');
    },
    lie: () => 'not a number' as unknown as number,
  });
  return { dispatcher, log };
}

describe('IPC dispatcher', () => {
  it('validates arguments from unknown and names the field', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch('test:echo', { text: 'far too long' }, { who: 't' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_arguments');
      expect(result.error.message).toMatch(/^text: /);
    }
  });

  it('answers valid calls with data', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.dispatch('test:echo', { text: 'hi' }, { who: 't' })).toEqual({
      ok: true,
      value: { text: 'hi' },
    });
  });

  it('turns an AppError into error data with its code', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.dispatch('test:refuse', undefined, { who: 't' })).toEqual({
      ok: false,
      error: { code: 'vault_locked', message: 'The vault is locked. Unlock it to see your codes.' },
    });
  });

  it('never passes an unexpected error message (which may hold a secret) to the caller or the log', async () => {
    const { dispatcher, log } = setup();
    const result = await dispatcher.dispatch('test:boom', undefined, { who: 't' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong. Please try again.' },
    });
    expect(JSON.stringify(log.error.mock.calls)).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('refuses a reply that breaks its own contract', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch('test:lie', undefined, { who: 't' });
    expect(result.ok).toBe(false);
  });

  it('answers unknown channels as data', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch('test:nope', undefined, { who: 't' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses to register one channel twice', () => {
    const { dispatcher } = setup();
    expect(() => dispatcher.register({ again: channels.echo }, { again: ({ text }) => ({ text }) })).toThrow(/twice/);
  });
});
