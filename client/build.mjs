// Bundles the client into ../Bastion.Web/wwwroot/app/ (app.js + app.css, which includes xterm's css).
// Usage: node build.mjs [--watch] [--dev]
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const outdir = fileURLToPath(new URL('../Bastion.Web/wwwroot/app/', import.meta.url));

// Start from an empty folder so no stale chunk or map is served next to the new bundle.
await rm(outdir, { recursive: true, force: true });

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: { app: fileURLToPath(new URL('./src/main.ts', import.meta.url)) },
  outdir,
  bundle: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: !dev,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
