/**
 * Parse one release file and show what the parser made of it.
 *
 *   npm run --silent inspect -- <file> [--json]
 *
 * `--json` prints the Release exactly per ReleaseSchema; otherwise a readable summary. Exit codes:
 * 0 ok, 1 the file could not be read or parsed (stderr: `file:line: message`), 2 usage error.
 */
import { resolve } from 'node:path';
import { isSearchEngineError } from '../lib/errors';
import { ingestFile } from '../lib/ingest/ingest-file';
import { topicLabel } from '../lib/ingest/assign-topics';
import { FIGURE_KEYS, type Figures, type Release } from '../lib/schema';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

exitQuietlyOnClosedPipe();

const USAGE = 'usage: npm run --silent inspect -- <file> [--json]';

interface Args {
  file: string;
  json: boolean;
}

/** Parse argv; null (after printing why) on a usage error. */
function parseArgs(argv: readonly string[]): Args | null {
  const flags = argv.filter((a) => a.startsWith('-'));
  const files = argv.filter((a) => !a.startsWith('-'));
  const unknown = flags.filter((f) => f !== '--json');
  if (flags.includes('--help') || flags.includes('-h')) return null;
  if (unknown.length > 0) {
    process.stderr.write(`unknown option: ${unknown.join(' ')}\n`);
    return null;
  }
  if (files.length !== 1) {
    process.stderr.write(files.length === 0 ? 'missing <file>\n' : 'give exactly one <file>\n');
    return null;
  }
  return { file: files[0]!, json: flags.includes('--json') };
}

function formatFigures(figures: Figures, text?: string): string {
  return FIGURE_KEYS.flatMap((key) => {
    const figure = figures[key];
    if (!figure) return [];
    const quoted = text === undefined ? '' : ` ("${text.slice(figure.start, figure.end)}")`;
    return [`${key}=${figure.value}${quoted}`];
  }).join(', ');
}

/** Human-readable summary of a parsed release. */
function summarize(release: Release): string {
  const lines = [
    `Title:     ${release.title}`,
    `Kind:      ${release.kind}`,
    `Slug:      ${release.slug}`,
    `Source:    ${release.source.path} (${release.source.format}, ${release.source.bytes} bytes${release.source.pages ? `, ${release.source.pages} pages` : ''})`,
    `Inspection: ${release.inspection ?? '-'}`,
    `Force:     ${release.force ?? '-'}`,
    `Region:    ${release.region ?? '-'}`,
    `Inspector: ${release.inspector ?? '-'}`,
    `Year:      ${release.year ?? '-'}`,
  ];
  if (release.date) lines.push(`Date:      ${release.date}`);
  if (release.source.url) lines.push(`URL:       ${release.source.url}`);
  if (release.aliases.length > 0) lines.push(`Aliases:   ${release.aliases.join(', ')}`);
  lines.push('', 'Sections:');
  for (const section of release.sections) {
    const n = section.paragraphs.length;
    lines.push(`  ${section.kind.padEnd(12)} ${n} paragraph${n === 1 ? '' : 's'} (from line ${section.paragraphs[0]?.line ?? '-'})`);
  }
  lines.push('', `Findings (${release.findings.length}):`);
  for (const finding of release.findings) {
    const where = finding.page === undefined ? `line ${finding.line}` : `page ${finding.page}, line ${finding.line}`;
    lines.push(`  ${String(finding.ordinal).padStart(2)}. [${where}] ${finding.text}`);
    if (finding.topics.length > 0) lines.push(`      topics: ${finding.topics.map(topicLabel).join(', ')}`);
    const figures = formatFigures(finding.figures, finding.text);
    if (figures) lines.push(`      figures: ${figures}`);
  }
  lines.push('', `Release figures: ${formatFigures(release.figures) || '-'}`);
  lines.push(`Release topics:  ${release.topics.map(topicLabel).join(', ') || '-'}`);
  return `${lines.join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const { release } = await ingestFile(resolve(args.file), process.cwd());
    process.stdout.write(args.json ? `${JSON.stringify(release, null, 2)}\n` : summarize(release));
    return 0;
  } catch (error) {
    if (!isSearchEngineError(error)) throw error;
    // The message already reads "file:line: text"; errors without a line get one so tools can parse it.
    // PDF errors name a page (`file: page N: …`) or the whole file, never a line.
    const lineless = error.line === undefined && error.file && !error.code.startsWith('E_PDF_');
    const message = lineless ? error.message.replace(`${error.file}: `, `${error.file}:1: `) : error.message;
    process.stderr.write(`${message} [${error.code}]\n`);
    return 1;
  }
}

// exitCode, not exit(): stdout into a pipe drains before the process ends (a long PDF's JSON is > 64 kB).
process.exitCode = await main(process.argv.slice(2));
