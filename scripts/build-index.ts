/**
 * npm run build-index -- [--source seeds] [--out index] [--keep-going] [--quiet]
 * Exit 0 on success; 1 with `file:line: message` on a bad release (or, with --keep-going,
 * after indexing the good files when any were bad).
 */
import { parseArgs } from 'node:util';
import { buildFromDirectory } from '../lib/index/build-from-directory';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

exitQuietlyOnClosedPipe();

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      source: { type: 'string', default: 'seeds' },
      out: { type: 'string', default: 'index' },
      'keep-going': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const log = values.quiet ? () => {} : (line: string) => console.error(line);
  try {
    const { manifest, errors } = await buildFromDirectory({
      source: values.source!,
      out: values.out!,
      keepGoing: values['keep-going'],
      log,
    });
    if (manifest) {
      const c = manifest.counts;
      console.log(
        `indexed ${c.releases} releases, ${c.findings} findings, ${c.chunks} paragraph chunks (${c.terms} terms) into ${values.out} in ${manifest.buildMs} ms`,
      );
    }
    for (const error of errors) console.error(error.message);
    if (errors.length) console.error(`${errors.length} file(s) failed; the rest were indexed`);
    return errors.length ? 1 : 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

// exitCode, not exit(): let stdout and stderr drain into pipes before the process ends.
main().then((code) => {
  process.exitCode = code;
});
