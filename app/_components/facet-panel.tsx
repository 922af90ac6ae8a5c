'use client';
/**
 * Facet checkboxes. The groups sit in a GET form, so without JavaScript the user ticks boxes and
 * presses "Apply filters"; with JavaScript a tick navigates at once to the precomputed link for
 * that value (counts are disjunctive, computed by the engine).
 */
import { Button, Checkbox, Switch, TextInput } from '@mantine/core';
import Form from 'next/form';
import { useRouter } from 'next/navigation';
import { useOptimistic, useState, useTransition } from 'react';
import classes from './facets.module.css';

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  /** The URL with this value toggled. */
  href: string;
}

export interface FacetGroupData {
  name: string;
  title: string;
  options: FacetOption[];
  /** Offer a text box that filters the list (the force list). */
  filterable?: boolean;
  /** Values the search left out of `options` (its `facetLimit`); "Show more" and the filter box then ask for all. */
  more?: number;
  /** This page with every facet value listed (`facetLimit=0`). */
  allHref?: string;
}

export interface FacetPanelProps {
  groups: FacetGroupData[];
  /** State kept on submit that the form's own fields do not carry: [name, value] pairs. */
  hidden: [string, string][];
  boilerplate: { checked: boolean; href: string };
}

/** Values shown before "Show more". */
const VISIBLE = 6;
/**
 * Most values listed under "Show more" in a facet that has a filter box: past that, the box finds
 * them (a generated corpus has 261 years; listing them all made `/` a 560 kB page).
 */
const MAX_FOLDED = 40;

type Toggle = { key: string; on: boolean };

export function FacetPanel({ groups, hidden, boilerplate }: FacetPanelProps) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const initial = new Map<string, boolean>();
  for (const g of groups) for (const o of g.options) initial.set(`${g.name}\u0000${o.value}`, o.selected);
  initial.set('includeBoilerplate', boilerplate.checked);
  const [checked, setOptimistic] = useOptimistic(initial, (state: Map<string, boolean>, toggle: Toggle) => new Map(state).set(toggle.key, toggle.on));

  const go = (key: string, on: boolean, href: string) =>
    startTransition(() => {
      setOptimistic({ key, on });
      router.push(href, { scroll: false });
    });

  return (
    <Form action="/" scroll={false} className={classes.form}>
      {hidden.map(([name, v], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
      ))}
      <fieldset className={classes.group}>
        <legend className={classes.legend}>Options</legend>
        <Switch
          name="includeBoilerplate"
          value="true"
          label="Include notes to editors"
          checked={checked.get('includeBoilerplate') ?? false}
          onChange={(event) => go('includeBoilerplate', event.currentTarget.checked, boilerplate.href)}
        />
      </fieldset>
      {groups.map((group) => (
        <FacetGroup
          key={group.name}
          group={group}
          checked={checked}
          onToggle={go}
          // Values left out: load this page with all of them (the open <details> and the filter text stay).
          onShowAll={() => group.allHref && startTransition(() => router.replace(group.allHref!, { scroll: false }))}
        />
      ))}
      <noscript>
        <Button type="submit" fullWidth>
          Apply filters
        </Button>
      </noscript>
    </Form>
  );
}

function FacetGroup({
  group,
  checked,
  onToggle,
  onShowAll,
}: {
  group: FacetGroupData;
  checked: Map<string, boolean>;
  onToggle: (key: string, on: boolean, href: string) => void;
  onShowAll: () => void;
}) {
  const [filter, setFilter] = useState('');
  const omitted = group.more ?? 0;
  const wantAll = () => {
    if (omitted > 0) onShowAll();
  };
  if (group.options.length === 0) return null;
  const keyOf = (o: FacetOption) => `${group.name}\u0000${o.value}`;
  const needle = filter.trim().toLowerCase();

  const item = (o: FacetOption) => (
    <li key={o.value}>
      <Checkbox
        name={group.name}
        value={o.value}
        checked={checked.get(keyOf(o)) ?? o.selected}
        onChange={(event) => onToggle(keyOf(o), event.currentTarget.checked, o.href)}
        classNames={{ body: classes.checkboxBody, labelWrapper: classes.labelWrapper, label: classes.label }}
        label={
          <>
            <span className={classes.valueLabel}>{o.label}</span>
            <span className={classes.count}>
              <span className={classes.srOnly}>(</span>
              {o.count}
              <span className={classes.srOnly}> results)</span>
            </span>
          </>
        }
      />
    </li>
  );

  let body;
  if (needle) {
    const shown = group.options.filter((o) => o.label.toLowerCase().includes(needle));
    body = shown.length ? (
      <ul className={classes.list}>{shown.map(item)}</ul>
    ) : (
      <p className={classes.none}>No {group.title.toLowerCase()} matches “{filter}”.</p>
    );
  } else {
    // Selected values always stay visible; the rest beyond the first few fold away.
    const head = group.options.filter((o, i) => i < VISIBLE || o.selected);
    const rest = group.options.filter((o, i) => i >= VISIBLE && !o.selected);
    const listed = group.filterable ? rest.slice(0, MAX_FOLDED) : rest;
    // Counting the values the search left out, the summary reads as if every value were here.
    const restTotal = rest.length + omitted;
    const folded = group.filterable ? Math.min(restTotal, MAX_FOLDED) : restTotal;
    body = (
      <>
        <ul className={classes.list}>{head.map(item)}</ul>
        {restTotal > 0 && (
          <details className={classes.more} onToggle={(event) => event.currentTarget.open && wantAll()}>
            <summary>Show {folded} more</summary>
            <ul className={classes.list}>{listed.map(item)}</ul>
            {omitted > 0 && group.allHref ? (
              <p className={classes.none}>
                <a href={group.allHref}>List all {restTotal} more</a>
              </p>
            ) : (
              listed.length < rest.length && (
                <p className={classes.none}>
                  {rest.length - listed.length} more {group.title.toLowerCase()} values: type in the filter box to find them.
                </p>
              )
            )}
          </details>
        )}
      </>
    );
  }

  return (
    <fieldset className={classes.group}>
      <legend className={classes.legend}>{group.title}</legend>
      {group.filterable && (
        <TextInput
          size="xs"
          mb={6}
          label={`Filter ${group.title.toLowerCase()} list`}
          placeholder="Type to filter"
          value={filter}
          onChange={(event) => {
            setFilter(event.currentTarget.value);
            wantAll();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
            if (event.key === 'Escape') setFilter('');
          }}
        />
      )}
      {body}
    </fieldset>
  );
}
