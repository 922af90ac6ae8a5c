/**
 * npm start: make sure there is an index to serve (scripts/ensure-index.ts), build the Next app if
 * it has no build or the code is newer than it, then run the standalone server behind its
 * compression layer (`.next/standalone/serve.mjs`, as the Dockerfile does) on PORT (default 3000).
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prepareStandalone, STANDALONE_DIR } from './standalone';

const NEXT = join('node_modules', 'next', 'dist', 'bin', 'next');

function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('scripts', 'ensure-index.ts')]);
const buildId = join('.next', 'BUILD_ID');
const codeChanged =
  !existsSync(buildId) ||
  !existsSync(join(STANDALONE_DIR, 'server.js')) ||
  newestMtime(['app', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package.json', 'postcss.config.cjs']) > statSync(buildId).mtimeMs;
if (codeChanged) run([NEXT, 'build']);
// Static assets, public/ and serve.mjs with the compression layer beside server.js.
const entry = prepareStandalone(process.cwd());

const port = process.env.PORT ?? '3000';
const env: NodeJS.ProcessEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  HOSTNAME: '0.0.0.0',
  ...process.env,
  PORT: port,
  NODE_ENV: 'production',
  // server.js changes into its own directory: hand it absolute paths.
  INDEX_DIR: resolve(process.env.INDEX_DIR ?? 'index'),
};
const server = spawn(process.execPath, [entry], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
