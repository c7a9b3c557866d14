import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { createServer, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes `<asset>.br` beside each hashed script and stylesheet, compressed once at the highest brotli
 * quality (about 15 % smaller than what a server compresses on the fly), for the API to send to browsers
 * that accept brotli: fewer bytes on the login screen's critical path over a slow link.
 */
function precompressAssets(): Plugin {
  return {
    name: 'hjulet-precompress-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const file of Object.keys(bundle)) {
        if (!/^assets\/.+\.(js|css)$/.test(file)) continue;
        const data = readFileSync(path.join(dir, file));
        if (data.length < 1024) continue;
        const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length };
        writeFileSync(path.join(dir, `${file}.br`), brotliCompressSync(data, { params }));
      }
    },
  };
}

/**
 * Renders the login screen into index.html's root at build time (src/app/login-shell.tsx), through a
 * short-lived Vite server in SSR mode: the first screen paints when the HTML and stylesheet arrive, not
 * after the JavaScript (on Slow 4G with a 4× slower CPU, about a second sooner). main.tsx hydrates it.
 */
function prerenderLoginShell(): Plugin {
  return {
    name: 'hjulet-prerender-login-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const server = await createServer({
          configFile: false,
          root: import.meta.dirname,
          logLevel: 'error',
          plugins: [react()],
          server: { middlewareMode: true, hmr: false, ws: false },
          appType: 'custom',
        });
        try {
          const { renderLoginShell } = (await server.ssrLoadModule('/src/app/login-shell.tsx')) as { renderLoginShell(): string };
          const rendered = html.replace('<div id="root"></div>', `<div id="root">${renderLoginShell()}</div>`);
          if (rendered === html) throw new Error('index.html has no empty <div id="root"></div> to render the login screen into');
          return rendered;
        } finally {
          await server.close();
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    prerenderLoginShell(),
    precompressAssets(),
    VitePWA({
      // Our own service worker (src/sw.ts): precache + app-shell fallback like generateSW, plus a
      // Background Sync handler that flushes the outbox when the browser supports it.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // A new version waits until the user taps "Uppdatera": never reload under someone mid-review.
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'] },
      manifest: {
        name: 'Hjulet – säkerhetsgenomgång',
        short_name: 'Hjulet',
        description: 'Checklista – säkerhet för personer med hjälpbehov. Fungerar utan uppkoppling.',
        lang: 'sv',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b4f6c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' } },
  build: { target: 'es2022', sourcemap: false },
});
