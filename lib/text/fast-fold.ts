import { foldForMatch } from './normalize';

/**
 * The same function as {@link foldForMatch} (which is now itself the fast version: native
 * lower-casing of ASCII runs, memoised folds of other units). Kept as a name for its callers.
 */
export const foldForMatchFast: (text: string) => string = foldForMatch;
