/**
 * npm run check-index -- [dir] [--json]
 * Verify every checksum of the index in `dir` (default INDEX_DIR, else `index`): exit 0 when every
 * file is intact, 1 when a file is damaged or missing or the index cannot be read (another format,
 * no manifest), 2 on bad arguments. Prints one line per file (`ok` or `DAMAGED` with the reason),
 * or with --json the whole report (lib/index/check-index.ts `IndexCheck`).
 */
import { parseArgs } from 'node:util';
import { checkIndex } from '../lib/index/check-index';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

exitQuietlyOnClosedPipe();

const USAGE = 'usage: npm run check-index -- [dir] [--json]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    console.error(`one index directory at most\n${USAGE}`);
    return 2;
  }
  const dir = positionals[0] ?? process.env.INDEX_DIR ?? 'index';
  const report = await checkIndex(dir);
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    if (report.error) console.error(`${report.error.code}: ${report.error.message}`);
    for (const f of report.files) {
      if (f.ok) console.log(`ok       ${f.file} (${f.bytes} bytes)`);
      else console.log(`DAMAGED  ${f.file}: ${f.error!.code}: ${f.error!.message}`);
    }
    const damaged = report.files.filter((f) => !f.ok).length;
    console.log(report.ok ? `index in ${dir} is intact (${report.files.length} files checked)` : `index in ${dir} is damaged: ${report.error ? 'unreadable' : `${damaged} of ${report.files.length} files`}`);
  }
  return report.ok ? 0 : 1;
}

// exitCode, not exit(): let stdout drain into pipes before the process ends.
main().then((code) => {
  process.exitCode = code;
});
