/** The WordNet layer built on a worker thread equals the one built in this thread. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/index/build-index';
import { lines } from '../../lib/index/index-layout';
import { startThesaurus } from '../../lib/index/thesaurus-job';
import { ingestSource } from '../../lib/ingest/ingest-file';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';

describe('startThesaurus', () => {
  it('gives the same layer on a worker thread as in this thread', () => {
    const releases = readdirSync('seeds').map((f) => ingestSource({ relPath: f, text: readFileSync(join('seeds', f), 'utf8') }));
    const built = buildIndex(markBoilerplate(releases));
    const forward = { vocab: lines(built.data.terms.vocab), ...built.forward };
    const stems = lines(built.data.terms.stems);
    const here = startThesaurus(forward, stems, false);
    const there = startThesaurus(forward, stems, true);
    expect([here.thread, there.thread]).toEqual([false, true]);
    const a = here.result();
    expect(a.stems.length).toBeGreaterThan(1000);
    expect(there.result()).toEqual(a);
    // And it is what the index holds.
    expect(a.stems.join('\n')).toBe(built.data.terms.thesaurusStems);
  }, 120_000);
});
