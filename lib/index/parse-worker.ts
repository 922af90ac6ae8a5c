/**
 * Worker thread body for parallel ingest: parses the files it is given and posts back the releases,
 * their source checksums and the errors (as plain data: errors do not survive structured cloning).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFiles } from './parse-files';

const { files, root } = workerData as { files: string[]; root: string };
parentPort!.postMessage(await parseFiles(files, root));
