// The viewer's build: client/ → dist/client, served by the Fastify app in production and proxied to it in
// development (`npx vite` on :5173 while `npx tsx scripts/start.ts` serves the API on :3000).
// No React plugin: esbuild compiles TSX with the automatic runtime, which is all the viewer needs
// (@vitejs/plugin-react does not install with npm 10 on Node 20, and Fast Refresh is a convenience).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';
// Regular expressions (keys starting with ^), not prefixes: the prefix '/api' would also catch the
// viewer's own module /api.ts. changeOrigin false (Vite's default for a bare string is true): the
// server writes absolute TileJSON tile URLs from the Host header, which must stay the dev server's.
const target = { target: api, changeOrigin: false };
const proxy = { '^/api/': target, '^/tiles(/|$|\\?)': target };

// MapLibre's RTL text plugin (Arabic shaping and bidi), served from our host: `import url from
// '@rtl-text-plugin?url'` copies the file into the build. Its package exports only its ES source, so
// the built file is named by path.
const rtlTextPlugin = fileURLToPath(new URL('./node_modules/@mapbox/mapbox-gl-rtl-text/dist/mapbox-gl-rtl-text.js', import.meta.url));

// One page per audience, each its own entry: the viewer at / (client/index.html), and every
// client/<page>/index.html at /<page>/ (the planners' workspace, the requests desk, …). They share
// client/lib, client/api.ts and client/i18n; the server serves them as static files (server/app.ts).
const clientDir = fileURLToPath(new URL('./client', import.meta.url));
const pages: Record<string, string> = { main: `${clientDir}/index.html` };
for (const d of readdirSync(clientDir, { withFileTypes: true })) {
  if (d.isDirectory() && existsSync(`${clientDir}/${d.name}/index.html`)) pages[d.name] = `${clientDir}/${d.name}/index.html`;
}

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // Only VITE_* variables reach the bundle (VITE_BASEMAP_STYLE_URL: an optional external basemap).
  envDir: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: [
      { find: /^@rtl-text-plugin/, replacement: rtlTextPlugin },
      // Only the Lambert Conformal Conic projection of proj4 (client/lib/proj4-slim.ts): half the weight.
      { find: /^proj4$/, replacement: fileURLToPath(new URL('./client/lib/proj4-slim.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // MapLibre is ~800 KB of minified JS; the app's own code stays well under the size budget only if
    // the vendors live in their own chunks (which also keeps them cached across app releases).
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      input: pages,
      output: {
        manualChunks: {
          maplibre: ['maplibre-gl'],
          react: ['react', 'react-dom', 'react-dom/client'],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
