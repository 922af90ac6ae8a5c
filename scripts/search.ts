/**
 * npm run --silent search -- "second jobs" [--force "Essex Police"]… [--region …] [--inspection …]
 *   [--year 2014] [--topic …] [--section …] [--kind …] (one repeatable flag per facet of lib/facets.ts)
 *   [--page N] [--size N] [--sort relevance|date|force] [--group force] [--include-boilerplate]
 *   [--fields segments,figures] [--facet-limit N] [--index index] [--json]
 * Prints the same results object as GET /api/search (with --json), else a readable list.
 *
 * npm run --silent search -- --suggest <partial> [--index index] [--json]
 * Prints the completions of GET /api/suggest?q=<partial>: with --json its body, else one per line
 * (`text<TAB>findings<TAB>kind`).
 */
import { parseArgs } from 'node:util';
import { loadIndex } from '../lib/index/load-index';
import { createEngine } from '../lib/engine/engine';
import { FACETS } from '../lib/facets';
import { SearchParamsSchema, SuggestParamsSchema, beyondResultWindow, resultWindowMessage } from '../lib/query/params';
import { NEAR_MISS_DIVIDER, type Segment } from '../lib/query/types';
import { searchBody, suggestBody } from '../lib/engine/api-responses';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

exitQuietlyOnClosedPipe();

function render(segments: Segment[], tty: boolean): string {
  return segments.map((s) => (s.match ? (tty ? `\x1b[1m${s.text}\x1b[22m` : `[${s.text}]`) : s.text)).join('');
}

/** One repeatable `--<flag>` per facet. */
const facetOptions = Object.fromEntries(FACETS.map((f) => [f.cliFlag, { type: 'string', multiple: true }] as const)) as Record<string, { type: 'string'; multiple: true }>;

function main(): number {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({
      allowPositionals: true,
      options: {
        ...facetOptions,
        page: { type: 'string' },
        size: { type: 'string' },
        sort: { type: 'string' },
        group: { type: 'string' },
        fields: { type: 'string', multiple: true },
        'facet-limit': { type: 'string' },
        'include-boilerplate': { type: 'boolean', default: false },
        suggest: { type: 'string' },
        index: { type: 'string', default: process.env.INDEX_DIR ?? 'index' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { values, positionals } = parsedArgs;
  if (values.suggest !== undefined) return suggest(values.suggest, positionals, values.index!, values.json!);
  const facetValues = Object.fromEntries(FACETS.map((f) => [f.name, (values as Record<string, unknown>)[f.cliFlag]]));
  const parsed = SearchParamsSchema.safeParse({
    q: positionals.join(' '),
    ...facetValues,
    page: values.page,
    size: values.size,
    sort: values.sort,
    group: values.group,
    fields: values.fields,
    facetLimit: values['facet-limit'],
    includeBoilerplate: values['include-boilerplate'],
  });
  if (!parsed.success) {
    console.error(`invalid params: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  if (beyondResultWindow(parsed.data)) {
    console.error(`result_window_too_large: ${resultWindowMessage(parsed.data)}`);
    return 2;
  }
  let engine;
  try {
    engine = createEngine(loadIndex(values.index!));
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const results = engine.search(parsed.data);
  if (values.json) {
    // Byte for byte the body of GET /api/search for the same params (took_ms aside).
    console.log(searchBody(results));
    return 0;
  }
  const tty = Boolean(process.stdout.isTTY);
  const groups = results.groupTotal === undefined ? '' : ` in ${results.groupTotal} forces`;
  const nearMisses = results.nearMissTotal > 0 ? ` + ${results.nearMissTotal} matching some of the words` : '';
  console.log(`${results.total} hits${groups}${nearMisses} (page ${results.page}/${results.pages}, ${results.took_ms} ms)`);
  if (results.suggestion) console.log(`did you mean: ${results.suggestion}`);
  if (results.queryError) console.log(`note: ${results.queryError.message} (at ${results.queryError.position})`);
  results.hits.forEach((hit, i) => {
    // Near misses follow every full match, below one divider.
    if (hit.matchedAll === false && results.hits[i - 1]?.matchedAll !== false) console.log(`\n${NEAR_MISS_DIVIDER}`);
    console.log(`\n${hit.id}  ${hit.force ?? '-'} · ${hit.section}${hit.topics.length ? ` · ${hit.topics.join(', ')}` : ''}`);
    console.log(`  ${render(hit.snippet, tty)}`);
    if (hit.groupCount !== undefined && hit.groupCount > 1) console.log(`  +${hit.groupCount - 1} more from ${hit.force ?? 'no force'}`);
  });
  return 0;
}

/** `--suggest <partial>`: the completions GET /api/suggest gives. */
function suggest(partial: string, positionals: string[], indexDir: string, json: boolean): number {
  if (positionals.length > 0) {
    console.error(`--suggest takes the partial query as its value (quote it: --suggest "${[partial, ...positionals].join(' ')}")`);
    return 2;
  }
  const parsed = SuggestParamsSchema.safeParse({ q: partial });
  if (!parsed.success) {
    console.error(`invalid params: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  let engine;
  try {
    engine = createEngine(loadIndex(indexDir));
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const suggestions = engine.suggest(parsed.data.q);
  // Byte for byte the body of GET /api/suggest?q=<partial>.
  if (json) console.log(suggestBody(parsed.data.q, suggestions));
  else for (const s of suggestions) console.log(`${s.text}\t${s.count}\t${s.kind}`);
  return 0;
}

// exitCode, not exit(): exiting at once would cut stdout going into a pipe at 64 kB.
process.exitCode = main();
