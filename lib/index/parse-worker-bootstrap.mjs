// Worker threads do not inherit tsx's loader: register it, then run the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
