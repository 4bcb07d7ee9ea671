// Bundles the extension client, the language server and the CLI with esbuild.
// Everything is bundled (CommonJS, Node 20) so the .vsix needs no node_modules.
import { build } from 'esbuild';

const production = process.argv.includes('--production');

// zod re-exports every translation of its error messages; nothing here uses them, and they are
// about a quarter of each bundle. English stays: it is what zod configures by default.
const zodWithoutTranslations = {
  name: 'zod-without-translations',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [zodWithoutTranslations],
  // ESM-only dependencies use import.meta.url; give it a CommonJS equivalent.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  build({ ...common, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
]);
