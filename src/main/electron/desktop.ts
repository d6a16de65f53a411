import type { BrowserWindow, Menu, Tray } from 'electron';
import type { AccountMeta } from '../../shared/ipc/accounts';

export interface TrayDeps {
  readonly Tray: new (icon: string) => Tray;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly icon: string;
  readonly window: () => BrowserWindow | null;
  readonly accounts: () => Promise<readonly AccountMeta[] | null>;
  readonly copy: (id: string) => void;
  readonly lock: () => void;
  readonly quit: () => void;
}

const TRAY_ACCOUNTS = 15;

/** A tray icon whose menu lists the first accounts (click copies), plus Show, Lock and Quit. */
export function createTray(deps: TrayDeps): { refresh(): Promise<void>; destroy(): void } {
  const tray = new deps.Tray(deps.icon);
  tray.setToolTip('Twofold');
  const show = () => {
    const win = deps.window();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const refresh = async () => {
    const accounts = await deps.accounts();
    const items: Electron.MenuItemConstructorOptions[] = [];
    if (accounts === null) items.push({ label: 'Locked', enabled: false });
    else if (accounts.length === 0) items.push({ label: 'No accounts yet', enabled: false });
    else {
      for (const a of accounts.slice(0, TRAY_ACCOUNTS)) {
        items.push({
          label: `Copy code: ${a.issuer ? `${a.issuer} (${a.label})` : a.label}`,
          click: () => deps.copy(a.id),
        });
      }
      if (accounts.length > TRAY_ACCOUNTS)
        items.push({ label: `${accounts.length - TRAY_ACCOUNTS} more in the window…`, click: show });
    }
    items.push({ type: 'separator' }, { label: 'Show Twofold', click: show });
    if (accounts !== null) items.push({ label: 'Lock', click: deps.lock });
    items.push({ type: 'separator' }, { label: 'Quit', click: deps.quit });
    tray.setContextMenu(deps.Menu.buildFromTemplate(items));
  };
  tray.on('click', show);
  return { refresh, destroy: () => tray.destroy() };
}

/** The accelerator that opens the quick search palette from anywhere. */
export const QUICK_SEARCH_SHORTCUT = 'CommandOrControl+Shift+Space';
