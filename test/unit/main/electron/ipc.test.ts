import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { registerIpc } from '../../../../src/main/electron/ipc';
import { Dispatcher } from '../../../../src/main/ipc/dispatcher';
import { defineChannel } from '../../../../src/shared/ipc';

const APP = 'file:///opt/twofold/out/renderer/index.html';
const channels = {
  rename: defineChannel('test:rename', z.object({ id: z.string().min(1), label: z.string().max(10) }), z.string()),
} as const;

/** ipcMain as Electron's type has it, recording the handlers registered. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
  return {
    handlers,
    handle: (name: string, fn: (event: unknown, args: unknown) => Promise<unknown>) => handlers.set(name, fn),
    removeHandler: (name: string) => handlers.delete(name),
  };
}

function setup() {
  const handler = vi.fn(({ label }: { id: string; label: string }) => `renamed to ${label}`);
  const dispatcher = new Dispatcher<{ via: string }>({ info() {}, warn() {}, error() {} }).register(channels, {
    rename: handler,
  });
  const mainFrame: { url: string; parent: unknown } = { url: APP, parent: null };
  const contents = { mainFrame };
  const ipcMain = fakeIpcMain();
  const unregister = registerIpc(
    ipcMain as never,
    dispatcher,
    { contents: () => contents as never, appUrl: APP },
    {
      via: 'electron',
    },
  );
  const call = (event: unknown, args: unknown) => {
    const fn = ipcMain.handlers.get('test:rename');
    if (!fn) throw new Error('not registered');
    return fn(event, args);
  };
  return { handler, contents, mainFrame, call, ipcMain, unregister };
}

describe('IPC registration', () => {
  it('registers one handler per contract channel and removes them all', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual(['test:rename']);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers our own main frame with {ok, value}', async () => {
    const { contents, mainFrame, call } = setup();
    expect(await call({ sender: contents, senderFrame: mainFrame }, { id: 'a', label: 'Work' })).toEqual({
      ok: true,
      value: 'renamed to Work',
    });
  });

  it('validates arguments with zod and answers the field as error data, never calling the handler', async () => {
    const { contents, mainFrame, call, handler } = setup();
    const result = (await call({ sender: contents, senderFrame: mainFrame }, { id: 'a', label: 'far too long' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_arguments');
    expect(result.error.message).toMatch(/^label: /);
    expect(handler).not.toHaveBeenCalled();
  });

  const forbidden = { ok: false, error: { code: 'forbidden_sender', message: 'This window may not use Twofold.' } };
  it.each([
    ['another window', (s: ReturnType<typeof setup>) => ({ sender: {}, senderFrame: s.mainFrame })],
    [
      'an iframe',
      (s: ReturnType<typeof setup>) => ({ sender: s.contents, senderFrame: { url: APP, parent: s.mainFrame } }),
    ],
    ['a destroyed frame', (s: ReturnType<typeof setup>) => ({ sender: s.contents, senderFrame: null })],
  ])('refuses %s without running the handler', async (_name, event) => {
    const s = setup();
    expect(await s.call(event(s), { id: 'a', label: 'x' })).toEqual(forbidden);
    expect(s.handler).not.toHaveBeenCalled();
  });

  it('refuses our main frame once it shows a page that is not ours', async () => {
    const s = setup();
    s.mainFrame.url = 'https://evil.example/';
    expect(await s.call({ sender: s.contents, senderFrame: s.mainFrame }, { id: 'a', label: 'x' })).toEqual(forbidden);
    expect(s.handler).not.toHaveBeenCalled();
  });
});
