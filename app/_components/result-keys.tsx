'use client';
/**
 * Keys on the search page: ↓/↑ move through the results (focus goes to the hit's link, which shows
 * the focus ring, and its card is outlined), Enter opens it (the link's own behaviour), `g` toggles
 * grouping by force (the `group=force` URL param). Inactive while typing in a field, with a modifier
 * key, or inside a dialog or menu. Each move is announced through a polite live region:
 * "Result 3 of 20: Essex Police, finding 7".
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import classes from './result-keys.module.css';

/** The result list's items (app/_components/hit-list.tsx). */
const ITEMS = 'ol[aria-label="Search results"] > li';
/** The hit's own link (its heading). */
const LINK = 'a[href^="/findings/"]';

/** `search` (a query string) with `group=force` toggled and the page reset: the `g` key's target. */
export function toggleGroupHref(search: string): { href: string; grouped: boolean } {
  const params = new URLSearchParams(search);
  const grouped = params.get('group') !== 'force';
  if (grouped) params.set('group', 'force');
  else params.delete('group');
  params.delete('page');
  const s = params.toString();
  return { href: s ? `/?${s}` : '/', grouped };
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest('[role="dialog"], [role="menu"], [role="listbox"]') !== null;
}

export function ResultKeys({ labels, start, total }: { labels: string[]; start: number; total: number }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  const active = useRef(-1);
  // What to announce once the results the `g` key asked for arrive (they replace the list).
  const afterNavigation = useRef<string | null>(null);
  const resultsKey = `${start}|${labels.join('|')}`;

  // New results: nothing is active yet.
  useEffect(() => {
    active.current = -1;
    setMessage(afterNavigation.current ?? '');
    afterNavigation.current = null;
  }, [resultsKey]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      if (event.key === 'g') {
        event.preventDefault();
        const { href, grouped } = toggleGroupHref(window.location.search);
        const message = grouped ? 'Grouping results by force' : 'Showing every result';
        afterNavigation.current = message;
        setMessage(message);
        router.push(href, { scroll: false });
        return;
      }
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const items = [...document.querySelectorAll<HTMLElement>(ITEMS)];
      if (items.length === 0) return;
      event.preventDefault();
      const focused = items.findIndex((li) => li.contains(document.activeElement));
      const from = focused >= 0 ? focused : active.current;
      const next = event.key === 'ArrowDown' ? Math.min(items.length - 1, from + 1) : Math.max(0, from - 1);
      active.current = next;
      items.forEach((li, i) => li.classList.toggle(classes.active!, i === next));
      const link = items[next]!.querySelector<HTMLAnchorElement>(LINK);
      link?.focus();
      items[next]!.scrollIntoView({ block: 'nearest' });
      const label = labels[next] ?? link?.textContent ?? '';
      setMessage(`Result ${start + next} of ${total}: ${label}`);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [router, labels, start, total]);

  return (
    <div aria-live="polite" aria-atomic="true" className={classes.live} data-testid="result-announcer">
      {message}
    </div>
  );
}
