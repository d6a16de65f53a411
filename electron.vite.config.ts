import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** Main-process entries: the Electron adapter and the QR decode worker (a separate file for worker_threads). */
const mainInputs: Record<string, string> = { index: resolve('src/main/index.ts') };
const decodeWorker = resolve('src/main/core/qr/decode-worker.ts');
if (existsSync(decodeWorker)) mainInputs['decode-worker'] = decodeWorker;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: mainInputs },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may require only 'electron': bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
