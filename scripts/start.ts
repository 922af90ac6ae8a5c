/**
 * npm start: build the index if missing or stale, build the Next app if it has no build or the
 * code is newer than it, then serve on PORT (default 3000).
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
const codeChanged = !existsSync(buildId) || newestMtime(['app', 'lib', 'next.config.js', 'package.json', 'postcss.config.cjs']) > statSync(buildId).mtimeMs;
if (codeChanged) run([NEXT, 'build']);
const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [NEXT, 'start', '-p', port], { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
