import { useShallow } from 'zustand/react/shallow';
import { Icon } from './components/Icon';
import { Logo } from './components/Logo';
import { Toasts } from './components/Toasts';
import { useDesktopEvents } from './lib/use-desktop-events';
import { useStore } from './store';
import { Authenticator } from './views/Authenticator';
import { ConsoleView } from './views/console/ConsoleView';
import { LockScreen } from './views/LockScreen';
import { Palette } from './views/Palette';
import { ExportDialog } from './views/settings/ExportDialog';
import { SettingsDialog } from './views/settings/SettingsDialog';

export function App() {
  useDesktopEvents();
  const s = useStore(
    useShallow((st) => ({
      view: st.view,
      setView: st.setView,
      vaultState: st.vault?.state,
      lock: st.lock,
      paletteOpen: st.paletteOpen,
      contentProtection: st.contentProtection,
      setContentProtection: st.setContentProtection,
      panel: st.panel,
      openPanel: st.openPanel,
    })),
  );
  const unlocked = s.vaultState === 'unlocked';
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <Logo /> Twofold
        </div>
        <div className="tabs" role="tablist" aria-label="View">
          <button
            type="button"
            role="tab"
            className="tab"
            aria-selected={s.view === 'authenticator'}
            onClick={() => s.setView('authenticator')}
          >
            Codes
          </button>
          <button
            type="button"
            role="tab"
            className="tab"
            aria-selected={s.view === 'console'}
            onClick={() => s.setView('console')}
            data-testid="console-tab"
          >
            Admin console
          </button>
        </div>
        <span className="topbar-spacer" />
        {s.contentProtection !== null && (
          <label className="toggle" title="Keep this window out of screenshots and screen shares">
            <input
              type="checkbox"
              checked={s.contentProtection}
              onChange={(e) => void s.setContentProtection(e.target.checked)}
            />
            Hide from screen sharing
          </label>
        )}
        {unlocked && (
          <button
            type="button"
            className="icon-btn"
            onClick={() => s.openPanel('settings')}
            aria-label="Settings"
            title="Settings"
            data-testid="settings"
          >
            <Icon name="settings" size={18} />
          </button>
        )}
        {unlocked && (
          <button type="button" className="btn small" onClick={() => void s.lock()} data-testid="lock">
            Lock
          </button>
        )}
      </header>
      <main className="main">
        {s.view === 'console' ? <ConsoleView /> : unlocked ? <Authenticator /> : <LockScreen />}
      </main>
      {s.paletteOpen && unlocked && <Palette />}
      {unlocked && s.panel === 'settings' && <SettingsDialog />}
      {unlocked && s.panel === 'export' && <ExportDialog />}
      <Toasts />
    </div>
  );
}
