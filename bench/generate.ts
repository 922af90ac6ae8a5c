/**
 * CLI: generate (or reuse) a synthetic corpus.
 *
 *   npx tsx bench/generate.ts --findings 10000 [--seed 42] [--out dir] [--force] [--quiet]
 *
 * Prints the corpus directory, the counts and the time taken.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEED, generateCorpus } from './generate-corpus';

const USAGE = 'usage: tsx bench/generate.ts --findings N [--seed S] [--out DIR] [--force] [--quiet]';

/** Parsed command line of the generator CLI. */
export interface GenerateCliArgs {
  findings: number;
  seed: number;
  out: string | undefined;
  force: boolean;
  quiet: boolean;
}

/** Parse `argv` (without node and script); throws with a usage message on bad input. */
export function parseGenerateArgs(argv: readonly string[]): GenerateCliArgs {
  const args: GenerateCliArgs = { findings: NaN, seed: DEFAULT_SEED, out: undefined, force: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const integer = (v: string): number => {
      const n = Number(v.replace(/_/g, ''));
      if (!Number.isSafeInteger(n)) throw new Error(`${flag} must be an integer, got "${v}"\n${USAGE}`);
      return n;
    };
    switch (flag) {
      case '--findings':
      case '-n':
        args.findings = integer(value());
        break;
      case '--seed':
        args.seed = integer(value());
        break;
      case '--out':
        args.out = value();
        break;
      case '--force':
        args.force = true;
        break;
      case '--quiet':
        args.quiet = true;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (!(args.findings >= 1)) throw new Error(`--findings must be a positive integer\n${USAGE}`);
  return args;
}

async function main(): Promise<void> {
  let args: GenerateCliArgs;
  try {
    args = parseGenerateArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 2;
    return;
  }
  const result = await generateCorpus({
    findings: args.findings,
    seed: args.seed,
    outDir: args.out,
    force: args.force,
    onProgress: args.quiet
      ? undefined
      : ({ releases, findings }) => process.stderr.write(`\r  ${releases} releases, ${findings} findings`),
  });
  if (!args.quiet && !result.cached) process.stderr.write('\n');
  const m = result.manifest;
  console.log(result.dir);
  console.log(
    `${result.cached ? 'cached' : 'generated'}: ${m.findings} findings in ${m.files} releases ` +
      `(${m.firstYear}–${m.lastYear}, ${(m.bytes / 1e6).toFixed(1)} MB, seed ${m.seed}) ` +
      `in ${(result.elapsedMs / 1000).toFixed(2)} s`,
  );
  console.log(`sha256 ${m.sha256}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main();
}
