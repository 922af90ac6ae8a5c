/** Named phases of a long task (a build, an open) and how long each took: logged as each ends, kept for the bench's profile. */
export interface Phase {
  name: string;
  ms: number;
}

export class PhaseClock {
  readonly phases: Phase[] = [];
  private at = performance.now();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  /** The phase running since the last lap (or the start) ends: `name` took that long (summed if it recurs). */
  lap(name: string, detail = ''): void {
    const now = performance.now();
    const ms = now - this.at;
    this.at = now;
    const known = this.phases.find((p) => p.name === name);
    if (known) known.ms += ms;
    else this.phases.push({ name, ms });
    this.log(`${name}${detail ? `: ${detail}` : ''} in ${Math.round(ms)} ms`);
  }
}
