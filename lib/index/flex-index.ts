/**
 * The one module that touches FlexSearch. Everything else sees this small typed surface:
 * add a document's pre-folded fields, look up the ids of one term in one field, export, import.
 */
import FlexSearch from 'flexsearch';
import { FLEX_FIELD_OPTIONS, INDEX_FIELDS, type IndexField } from './options';

type FlexDocument = {
  add(doc: Record<string, unknown>): void;
  search(query: string, options: { index: string[]; limit: number }): { field: string; result: number[] }[];
  export(handler: (key: string, data: string) => void | Promise<void>): Promise<void> | void;
  import(key: string, data: string | unknown[]): void;
};

/** Folded terms per field, space-joined (our tokenizer has already done all normalisation). */
export type FlexFields = Record<IndexField, string>;

export interface FlexIndex {
  add(docIndex: number, fields: FlexFields): void;
  /** All ids (document indexes) containing `term` in `field`; order is FlexSearch's, not sorted. */
  ids(term: string, field: IndexField, limit: number): number[];
  export(): Promise<[key: string, data: string][]>;
  /**
   * Import one entry produced by {@link FlexIndex.export}: its JSON text, or the parsed list (also
   * part of it: FlexSearch adds the entries to what an earlier import of the same key left).
   */
  import(key: string, data: string | unknown[]): void;
}

/**
 * Split on single spaces only: the text is already a list of folded terms, so FlexSearch's own
 * encoder (normalisation, phonetic merging) is skipped entirely.
 */
function splitTerms(text: string): string[] {
  return text ? text.split(' ') : [];
}

function makeDocument(): FlexDocument {
  const { Document } = FlexSearch as unknown as { Document: new (o: object) => FlexDocument };
  return new Document({
    document: {
      id: 'id',
      index: INDEX_FIELDS.map((field) => ({ field, ...FLEX_FIELD_OPTIONS, encode: splitTerms })),
    },
  });
}

/** A fresh, empty FlexSearch document index configured with {@link FLEX_FIELD_OPTIONS}. */
export function createFlexIndex(): FlexIndex {
  const doc = makeDocument();
  return {
    add(docIndex, fields) {
      doc.add({ id: docIndex, ...fields });
    },
    ids(term, field, limit) {
      if (!term) return [];
      const res = doc.search(term, { index: [field], limit });
      return res[0]?.result ?? [];
    },
    async export() {
      const entries: [string, string][] = [];
      await doc.export((key, data) => {
        entries.push([key, data]);
      });
      return entries;
    },
    import(key, data) {
      doc.import(key, data);
    },
  };
}
