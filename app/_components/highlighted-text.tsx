/**
 * Renders Segment[] as text with <mark> around matches. Text is always rendered as React text
 * children (escaped), never as HTML: source text may contain markup such as <script>.
 *
 * The display text keeps the releases' light markdown; it is tidied here: emphasis asterisks are
 * dropped and `[text](http…)` becomes a link (only http/https targets), without disturbing marks.
 */
import { Fragment, type ReactNode } from 'react';
import type { MatchHow, Segment } from '@/lib/query/types';

/** Tooltip of a mark: how the word matched the query (Segment.via). */
const VIA_TITLES: Record<MatchHow, string> = {
  exact: 'Exact match',
  stem: 'Same word stem',
  prefix: 'Start of the word being typed',
  typo: 'Spelling correction',
  synonym: 'Synonym',
  thesaurus: 'Related word (thesaurus)',
};

function Mark({ piece }: { piece: Piece }) {
  return (
    <mark title={piece.via ? VIA_TITLES[piece.via] : undefined} data-via={piece.via}>
      {piece.text}
    </mark>
  );
}

interface LinkRange {
  start: number;
  end: number;
  href: string | null;
}

/** Characters to hide (markdown syntax) and link text ranges, over the concatenated text. */
function markup(full: string): { hidden: Uint8Array; links: LinkRange[] } {
  const hidden = new Uint8Array(full.length);
  const links: LinkRange[] = [];
  for (const m of full.matchAll(/\[([^\]\n]+)\]\(([^)\s]+)\)/g)) {
    const at = m.index;
    const textStart = at + 1;
    const textEnd = textStart + m[1]!.length;
    hidden[at] = 1;
    hidden.fill(1, textEnd, at + m[0].length);
    const href = /^https?:\/\//i.test(m[2]!) ? m[2]! : null;
    links.push({ start: textStart, end: textEnd, href });
  }
  for (const m of full.matchAll(/\*{1,3}(?=\S)|(?<=\S)\*{1,3}/g)) hidden.fill(1, m.index, m.index + m[0].length);
  return { hidden, links };
}

interface Piece {
  text: string;
  match: boolean;
  via?: MatchHow;
  link: number;
}

/** Visible pieces: segments with markdown syntax removed, each tagged with the link it lies in (-1: none). */
function pieces(segments: readonly Segment[]): { list: Piece[]; links: LinkRange[] } {
  const full = segments.map((s) => s.text).join('');
  const { hidden, links } = markup(full);
  const linkAt = new Int32Array(full.length).fill(-1);
  links.forEach((l, i) => linkAt.fill(i, l.start, l.end));
  const list: Piece[] = [];
  let offset = 0;
  for (const segment of segments) {
    // Within one segment, consecutive visible characters in the same link form one piece.
    let current: Piece | null = null;
    for (let i = 0; i < segment.text.length; i++) {
      const p = offset + i;
      if (hidden[p]) {
        current = null;
        continue;
      }
      if (current && current.link === linkAt[p]) current.text += full[p];
      else {
        current = { text: full[p]!, match: segment.match, via: segment.via, link: linkAt[p]! };
        list.push(current);
      }
    }
    offset += segment.text.length;
  }
  return { list, links };
}

export function HighlightedText({ segments }: { segments: readonly Segment[] }) {
  const { list, links } = pieces(segments);
  const out: ReactNode[] = [];
  let i = 0;
  while (i < list.length) {
    const piece = list[i]!;
    if (piece.link >= 0) {
      const children: ReactNode[] = [];
      const link = piece.link;
      while (i < list.length && list[i]!.link === link) {
        const p = list[i]!;
        children.push(p.match ? <Mark key={i} piece={p} /> : <Fragment key={i}>{p.text}</Fragment>);
        i++;
      }
      const href = links[link]!.href;
      out.push(
        href ? (
          <a key={`l${i}`} href={href} rel="noopener noreferrer external">
            {children}
          </a>
        ) : (
          <Fragment key={`l${i}`}>{children}</Fragment>
        ),
      );
      continue;
    }
    out.push(piece.match ? <Mark key={i} piece={piece} /> : <Fragment key={i}>{piece.text}</Fragment>);
    i++;
  }
  return <>{out}</>;
}

/** Number of marked segments (for "N matches on this page"). */
export function countMatches(segments: readonly Segment[]): number {
  let n = 0;
  for (const s of segments) if (s.match) n++;
  return n;
}

/** The plain text of segments, markdown syntax removed (for titles and descriptions). */
export function plainTextOf(segments: readonly Segment[]): string {
  return pieces(segments)
    .list.map((p) => p.text)
    .join('');
}
