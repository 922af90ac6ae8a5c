'use client';
/**
 * The search form. Without JavaScript it is a plain GET form (hidden inputs carry the filters).
 * With JavaScript: search-as-you-type (debounced, router.replace so history is not spammed),
 * "/" focuses the box, Escape clears it.
 */
import { ActionIcon, Anchor, Button, Code, Group, Loader, Popover, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, TextInput } from '@mantine/core';
import Form from 'next/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';

const DEBOUNCE_MS = 150;

export interface SearchBoxProps {
  /** The query in the URL. */
  q: string;
  /** Other state to keep when the form is submitted: [name, value] pairs. */
  hidden: [string, string][];
  maxLength: number;
}

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

export function SearchBox({ q, hidden, maxLength }: SearchBoxProps) {
  const router = useRouter();
  const [value, setValue] = useState(q);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sent = useRef(q);

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

  return (
    <Form action="/" role="search" aria-label="Search findings" scroll={false}>
      {hidden.map(([name, v], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
      ))}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          ref={inputRef}
          name="q"
          type="search"
          label="Search the findings"
          description={
            <>
              Press <kbd>/</kbd> to jump here, <kbd>Esc</kbd> to clear
            </>
          }
          placeholder='e.g. second jobs, "social media", force:essex'
          value={value}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          style={{ flex: 1, minWidth: 0 }}
          rightSection={pending ? <Loader size="xs" aria-label="Searching" /> : null}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setValue(next);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => navigate(next), DEBOUNCE_MS);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && value !== '') {
              event.preventDefault();
              setValue('');
              navigate('');
            }
          }}
        />
        <Button type="submit">Search</Button>
        <SyntaxHelp />
      </Group>
    </Form>
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
