/**
 * npm start: make sure there is an index to serve (scripts/ensure-index.ts), build the Next app if
 * it has no build or the code is newer than it, then run the standalone server
 * (`.next/standalone/server.js`, as the Dockerfile does) on PORT (default 3000).
 */
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const NEXT = join('node_modules', 'next', 'dist', 'bin', 'next');
const STANDALONE = join('.next', 'standalone');

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
  !existsSync(join(STANDALONE, 'server.js')) ||
  newestMtime(['app', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package.json', 'postcss.config.cjs']) > statSync(buildId).mtimeMs;
if (codeChanged) run([NEXT, 'build']);
// The standalone server serves static assets from beside itself (what the Dockerfile copies too).
cpSync(join('.next', 'static'), join(STANDALONE, '.next', 'static'), { recursive: true });
if (existsSync('public')) cpSync('public', join(STANDALONE, 'public'), { recursive: true });

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
const server = spawn(process.execPath, [join(STANDALONE, 'server.js')], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
