/**
 * English function words: never a thesaurus phrase on their own nor the first or last word of a
 * gloss phrase (lib/index/build-thesaurus.ts), and never matched against topic labels ("and" of
 * "Gifts and hospitality").
 */
export const FUNCTION_WORDS = new Set(
  'a an the and or but nor of to in on at by for from with without into onto as than that this these those it its be is are was were been being have has had do does did done will would can could may might must shall should not no so up out off over under about one some any all each such who whom which what when where how very more most other'.split(
    ' ',
  ),
);
