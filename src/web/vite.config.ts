import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The account pages. scripts/build.mjs runs this from the repository root; paths
 * are taken from this file's folder so that any working directory builds the same.
 * No node: imports here: biome keeps src/web free of Node modules.
 */
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${here}../../out/web`,
    emptyOutDir: true,
    // The service's CSP allows no inline scripts: keep every asset a separate file.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `vite --config src/web/vite.config.ts` during development, with the service on its default port.
    proxy: { '/api': process.env.TWOFOLD_SERVICE_URL ?? 'http://127.0.0.1:8787' },
  },
});
