'use client';
/**
 * The search form. Without JavaScript it is a plain GET form with a search box (hidden inputs carry
 * the filters). With JavaScript the box becomes a combobox (Mantine `Autocomplete`) offering
 * as-you-type suggestions from GET /api/v1/suggest — words, phrases, forces and inspections, most
 * findings first — chosen with ↓/↑ and Enter (or a click), which runs the search at once; and
 * search-as-you-type (debounced, router.replace so history is not spammed), "/" focuses the box,
 * Escape clears it.
 */
import { ActionIcon, Anchor, Autocomplete, Button, Code, Group, Loader, Popover, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, TextInput, VisuallyHidden, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import Form from 'next/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { LRUCache } from 'lru-cache';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { MAX_SUGGEST_QUERY_LENGTH, SUGGEST_LIMIT, suggestKey, type SuggestKind } from '@/lib/index/suggest-format';

const DEBOUNCE_MS = 150;
/** Suggestions are asked for sooner than the search runs: they are what the next keystroke may pick. */
const SUGGEST_DEBOUNCE_MS = 60;
/** Suggestion lists kept in the page (the least recently used go first): typing back and forth asks the server once. */
const SUGGESTION_CACHE_SIZE = 200;

export interface SearchBoxProps {
  /** The query in the URL. */
  q: string;
  /** Other state to keep when the form is submitted: [name, value] pairs. */
  hidden: [string, string][];
  maxLength: number;
}

/** One suggestion of GET /api/v1/suggest. */
interface Suggestion {
  text: string;
  count: number;
  kind: SuggestKind;
}

const KIND_LABEL: Record<SuggestKind, string> = { word: 'word', phrase: 'phrase', force: 'force', inspection: 'inspection' };

const SYNTAX: [string, string][] = [
  ['second jobs', 'bare words: all must match'],
  ['"second jobs"', 'an exact phrase'],
  ['facebook -twitter', 'exclude a word'],
  ['force:essex', 'only one force'],
  ['region:eastern', 'only one region'],
  ['inspection:integrity', 'only one inspection'],
  ['year:2014', 'only one year'],
  ['topic:second-jobs', 'only one topic'],
  ['section:findings', 'only one part of the release'],
  ['secondJobApplications>60', 'compare a figure (= != > >= < <=)'],
];

/** Keys of the search page (this box, and app/_components/result-keys.tsx: ↓ ↑ and g act only outside text fields). */
const KEYS: [string[], string][] = [
  [['/'], 'jump to the search box'],
  [['↓', '↑'], 'choose a suggestion while typing (Enter searches for it)'],
  [['Esc'], 'clear the search box'],
  [['↓', '↑'], 'move through the results'],
  [['Enter'], 'open the result'],
  [['g'], 'group the results by force (again: ungroup)'],
];

function urlWithQuery(q: string): string {
  const params = new URLSearchParams(window.location.search);
  if (q) params.set('q', q);
  else params.delete('q');
  params.delete('page');
  const s = params.toString();
  return s ? `/?${s}` : '/';
}

/** The server matched the partial already (folded, by prefix): show its suggestions as they are. */
const asServed: OptionsFilter = ({ options }) => options;

/** Suggestions for the box's value: fetched (debounced, the previous request aborted) and kept for recent partials. */
function useSuggestions(value: string, active: boolean): Suggestion[] {
  const [served, setServed] = useState<{ key: string; list: Suggestion[] }>({ key: '', list: [] });
  const cache = useRef(new LRUCache<string, Suggestion[]>({ max: SUGGESTION_CACHE_SIZE }));
  const key = value.length <= MAX_SUGGEST_QUERY_LENGTH ? suggestKey(value) : '';
  useEffect(() => {
    if (!active || key === '') return;
    const known = cache.current.get(key);
    if (known) {
      setServed({ key, list: known });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/v1/suggest?${new URLSearchParams({ q: key })}`, { signal: controller.signal });
        if (!res.ok) return;
        const body = (await res.json()) as { suggestions: Suggestion[] };
        cache.current.set(key, body.suggestions);
        setServed({ key, list: body.suggestions });
      } catch {
        // Aborted (the next keystroke) or offline: no suggestions, the search still runs.
      }
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, active]);
  if (!active || key === '') return [];
  if (served.key === key) return served.list;
  // Until the new answer arrives, what the previous one offered that still fits.
  return served.list.filter((s) => suggestKey(s.text).startsWith(key));
}

export function SearchBox({ q, hidden, maxLength }: SearchBoxProps) {
  const router = useRouter();
  const [value, setValue] = useState(q);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sent = useRef(q);
  // The combobox exists only with JavaScript: the server renders a plain search box, swapped for it
  // once React runs (keeping focus and what was typed meanwhile).
  const [enhanced, setEnhanced] = useState(false);
  const [focused, setFocused] = useState(false);
  const refocus = useRef<{ start: number | null; end: number | null } | null>(null);
  const suggestions = useSuggestions(value, enhanced && focused);

  // The URL changed for another reason (a link, back/forward): show its query.
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setValue(q);
    }
  }, [q]);

  const navigate = useCallback(
    (next: string) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (next === sent.current) return;
      sent.current = next;
      startTransition(() => router.replace(urlWithQuery(next), { scroll: false }));
    },
    [router],
  );

  const type = useCallback(
    (next: string) => {
      setValue(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => navigate(next), DEBOUNCE_MS);
    },
    [navigate],
  );

  useEffect(() => {
    const input = inputRef.current;
    if (input && document.activeElement === input) refocus.current = { start: input.selectionStart, end: input.selectionEnd };
    if (input && input.value !== value) type(input.value);
    setEnhanced(true);
    // Once, after hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const input = inputRef.current;
    if (!enhanced || !input || !refocus.current) return;
    input.focus();
    input.setSelectionRange(refocus.current.start, refocus.current.end);
    refocus.current = null;
  }, [enhanced]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && value !== '') {
      event.preventDefault();
      setValue('');
      navigate('');
    }
  };
  const common = {
    ref: inputRef,
    name: 'q',
    type: 'search',
    label: 'Search the findings',
    description: (
      <>
        Press <kbd>/</kbd> to jump here, <kbd>Esc</kbd> to clear
      </>
    ),
    placeholder: 'e.g. second jobs, "social media", force:essex',
    maxLength,
    autoComplete: 'off',
    spellCheck: false,
    style: { flex: 1, minWidth: 0 },
    // A spinner is no widget: named as an image (aria-label alone is not allowed on its plain element).
    rightSection: pending ? <Loader size="xs" role="img" aria-label="Searching" /> : null,
    onKeyDown,
  } as const;
  const byText = new Map(suggestions.map((s) => [s.text, s] as const));
  const options: ComboboxItem[] = [...byText.keys()].map((text) => ({ value: text, label: text }));

  return (
    <Form action="/" role="search" aria-label="Search findings" scroll={false}>
      {hidden.map(([name, v], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
      ))}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        {enhanced ? (
          <Autocomplete
            {...common}
            value={value}
            onChange={type}
            data={options}
            filter={asServed}
            limit={SUGGEST_LIMIT}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            // Enter (or a click) on a suggestion searches for it at once.
            onOptionSubmit={(chosen) => {
              setValue(chosen);
              navigate(chosen);
            }}
            renderOption={({ option }) => <SuggestionOption suggestion={byText.get(option.value)!} />}
            // In the form (the search landmark), not in a portal outside every landmark.
            comboboxProps={{ shadow: 'md', withinPortal: false }}
          />
        ) : (
          <TextInput {...common} value={value} onChange={(event) => type(event.currentTarget.value)} />
        )}
        <Button type="submit">Search</Button>
        <SyntaxHelp />
      </Group>
      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid="suggest-status">
        {enhanced && focused && options.length > 0 ? `${options.length} ${options.length === 1 ? 'suggestion' : 'suggestions'}: ↓ and ↑ to choose, Enter to search for it.` : ''}
      </VisuallyHidden>
    </Form>
  );
}

function SuggestionOption({ suggestion }: { suggestion: Suggestion }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" w="100%">
      <span>{suggestion.text}</span>
      <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {KIND_LABEL[suggestion.kind]}, {suggestion.count.toLocaleString('en-GB')} {suggestion.count === 1 ? 'finding' : 'findings'}
      </Text>
    </Group>
  );
}

function SyntaxHelp() {
  return (
    <Popover width={340} position="bottom-end" withArrow shadow="md" trapFocus={false}>
      <Popover.Target>
        <ActionIcon variant="default" size={36} aria-label="Query syntax help" title="Query syntax help">
          <span aria-hidden="true" style={{ fontWeight: 700 }}>
            ?
          </span>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text fw={700} size="sm">
            Query syntax
          </Text>
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6}>
            <TableThead>
              <TableTr>
                <TableTh>Type</TableTh>
                <TableTh>Finds</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {SYNTAX.map(([example, meaning]) => (
                <TableTr key={example}>
                  <TableTd>
                    <Anchor component={Link} href={`/?${new URLSearchParams({ q: example })}`} fz="xs">
                      <Code>{example}</Code>
                    </Anchor>
                  </TableTd>
                  <TableTd>{meaning}</TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
          <Text size="xs">Filters and figure comparisons combine with words, e.g. <Code>facebook force:essex</Code>.</Text>
          <Text fw={700} size="sm" mt={4}>
            Keys
          </Text>
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6} data-testid="keys-help">
            <TableThead>
              <TableTr>
                <TableTh>Press</TableTh>
                <TableTh>To</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {KEYS.map(([keys, meaning]) => (
                <TableTr key={meaning}>
                  <TableTd>
                    {keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 ? ' ' : ''}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </TableTd>
                  <TableTd>{meaning}</TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
