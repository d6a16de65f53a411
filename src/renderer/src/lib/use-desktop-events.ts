import { useEffect } from 'react';
import { useStore } from '../store';
import { api } from './api';

const ACTIVITY_EVERY_MS = 10_000;

/**
 * Window-wide wiring: main's events, the code ticker, idle-lock activity,
 * drop and paste of images, and the quick search palette.
 */
export function useDesktopEvents(): void {
  const unlocked = useStore((s) => s.vault?.state === 'unlocked');

  useEffect(() => {
    const st = useStore.getState();
    void st.loadVault();
    void st.loadConsole();
    void st.loadAppInfo();
    const offVault = api().on.vault.changed((status) => useStore.getState().applyVaultStatus(status));
    const offQuick = api().on.app.quickSearch(() => {
      useStore.getState().setView('authenticator');
      useStore.getState().setPaletteOpen(true);
    });
    return () => {
      offVault();
      offQuick();
    };
  }, []);

  // Codes are made in main; ask once a second, on the second.
  useEffect(() => {
    if (!unlocked) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      void useStore.getState().refreshCodes();
      timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [unlocked]);

  // Only real input counts as activity for auto-lock; the ticker above does not.
  useEffect(() => {
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS || useStore.getState().vault?.state !== 'unlocked') return;
      last = now;
      void api().vault.activity();
    };
    const kinds = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    for (const k of kinds) window.addEventListener(k, onInput, { passive: true });
    return () => {
      for (const k of kinds) window.removeEventListener(k, onInput);
    };
  }, []);

  useEffect(() => {
    const images = (list: FileList | null | undefined) =>
      [...(list ?? [])].filter((f) => /^image\/(png|jpeg|webp)$/.test(f.type));
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      const files = images(e.dataTransfer.files);
      const st = useStore.getState();
      if (files.length > 0 && st.vault?.state === 'unlocked') void st.scanFiles(files);
    };
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea')) return;
      const st = useStore.getState();
      if (st.vault?.state !== 'unlocked' || st.view !== 'authenticator') return;
      const files = images(e.clipboardData?.files);
      const text = e.clipboardData?.getData('text/plain')?.trim() ?? '';
      if (files.length > 0) void st.scanFiles(files);
      else if (/^otpauth(-migration)?:\/\//i.test(text)) void st.parseText(text);
      else return;
      e.preventDefault();
    };
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k' && useStore.getState().vault?.state === 'unlocked') {
        e.preventDefault();
        useStore.getState().setPaletteOpen(true);
      }
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
