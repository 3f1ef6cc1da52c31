import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Compiles the API ahead of time into one ES module, `dist/main.js`, so production runs plain `node` rather than
 * compiling TypeScript at start-up through tsx (whose loader thread and caches cost ~50 MB of memory per process).
 * Packages stay external and load from node_modules as usual; the workspace's own TypeScript (@veterans/shared)
 * is compiled in. `dist/` sits one level below the server root, like `src/`, so paths the code derives from its
 * own location stay the same.
 */
const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function bundleServer(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-stay-external',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@veterans/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
}

// `node scripts/build.mjs [entry outfile]`: the API's main by default; the benchmarks bundle their own entry.
const [entry = path.join(serverRoot, 'src/main.ts'), outfile = path.join(serverRoot, 'dist/main.js')] =
  process.argv.slice(2);
await bundleServer(path.resolve(entry), path.resolve(outfile));
