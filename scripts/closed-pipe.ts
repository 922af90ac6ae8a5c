/**
 * `npm run --silent search … | head`: when the reader closes the pipe early, stop quietly with
 * exit 0 (as `grep` and `cat` do) instead of dying on EPIPE with a stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}
