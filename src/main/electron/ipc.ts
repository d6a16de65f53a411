import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatcher } from '../ipc/dispatcher';
import { isAppUrl } from './security';

export interface SenderPolicy {
  /** The window whose main frame may call us. */
  readonly contents: () => WebContents | null;
  readonly appUrl: string;
}

/**
 * True only for our own window's main frame showing our own page: not an
 * iframe, not another window, not a page that navigated elsewhere.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  policy: SenderPolicy,
): boolean {
  const contents = policy.contents();
  const frame = event.senderFrame;
  if (!contents || !frame || event.sender !== contents) return false;
  if (frame !== contents.mainFrame || frame.parent !== null) return false;
  return isAppUrl(frame.url, policy.appUrl);
}

/**
 * Registers one ipcMain handler per contract channel. Each checks the sender,
 * then hands the raw arguments to the Dispatcher, which validates them with
 * zod and answers {ok, …} data. Returns a function that removes them all.
 */
export function registerIpc<Ctx>(ipcMain: IpcMain, dispatcher: Dispatcher<Ctx>, policy: SenderPolicy, ctx: Ctx) {
  const names = dispatcher.channelNames();
  for (const name of names) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrustedSender(event, policy)) {
        return { ok: false, error: { code: 'forbidden_sender', message: 'This window may not use Twofold.' } };
      }
      return dispatcher.dispatch(name, args, ctx);
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(name);
  };
}
