import React, { useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, Input, useStyles2 } from '@grafana/ui';

import { rootTotal, type Profile } from '../../model/profile';
import { searchProfile, SearchQueryError, type SearchQuery, type SearchResult } from '../../model/transforms/search';
import { formatShare } from '../../model/units';

/** Wait after the last keystroke before searching: a 1M-node search should not run on every key. */
export const SEARCH_DEBOUNCE_MS = 150;

/** What `runSearch` returns: a result, or the message of an invalid regex. */
export interface SearchOutcome {
  result?: SearchResult;
  error?: string;
}

/**
 * Runs `searchProfile` for the shell and turns an invalid regex into a message for `SearchBox`. Any other error is a
 * bug and is rethrown.
 */
export function runSearch(profile: Profile, query: SearchQuery): SearchOutcome {
  try {
    return { result: searchProfile(profile, query) };
  } catch (err) {
    if (err instanceof SearchQueryError) {
      return { error: err.message };
    }
    throw err;
  }
}

/** One-line summary of a search, e.g. `12 matches · 34.56% of total`; empty for an empty query. */
export function searchSummary(profile: Profile, query: SearchQuery, result: SearchResult | undefined): string {
  if (query.text === '' || !result) {
    return '';
  }
  if (result.nodeCount === 0) {
    return 'No matches';
  }
  const count = `${result.nodeCount.toLocaleString('en-US')} ${result.nodeCount === 1 ? 'match' : 'matches'}`;
  const right = profile.right;
  if (right && result.matchedTotalRight !== undefined) {
    const rightWhole = right.total.length > 0 ? right.total[0] : 0;
    return `${count} · ${formatShare(result.matchedTotal, rootTotal(profile))} of baseline, ${formatShare(
      result.matchedTotalRight,
      rightWhole
    )} of comparison`;
  }
  return `${count} · ${formatShare(result.matchedTotal, rootTotal(profile))} of total`;
}

/** Props of `SearchBox`. */
export interface SearchBoxProps {
  /** The search in effect. The box shows its text when it changes from outside (e.g. "Search for this"). */
  query: SearchQuery;
  /** Called `debounceMs` after typing stops, at once on Enter, Escape (clears) and toggles. */
  onSearch: (query: SearchQuery) => void;
  /** The profile searched: its totals give the matched share. */
  profile: Profile;
  /** `searchProfile`'s answer for `query` (see `runSearch`). */
  result?: SearchResult;
  /** Message of an invalid regex; the typed text stays. */
  error?: string;
  debounceMs?: number;
}

/** Search input with regex and case toggles, match count and matched share. */
export function SearchBox({
  query,
  onSearch,
  profile,
  result,
  error,
  debounceMs = SEARCH_DEBOUNCE_MS,
}: SearchBoxProps) {
  const styles = useStyles2(getStyles);
  const [text, setText] = useState(query.text);
  // Text last sent to onSearch: its echo in `query` must not overwrite what the user typed since.
  const [sent, setSent] = useState(query.text);
  const [seen, setSeen] = useState(query.text);
  if (query.text !== seen) {
    setSeen(query.text);
    if (query.text !== sent) {
      setText(query.text);
      setSent(query.text);
    }
  }
  // The latest props for the timer, so a parent re-rendering (hover) does not restart the debounce.
  const latest = useRef({ query, onSearch });
  useEffect(() => {
    latest.current = { query, onSearch };
  });
  useEffect(() => {
    if (text === latest.current.query.text) {
      return undefined;
    }
    const id = setTimeout(() => {
      // Enter may have sent this text already.
      if (text === latest.current.query.text) {
        return;
      }
      setSent(text);
      latest.current.onSearch({ ...latest.current.query, text });
    }, debounceMs);
    return () => clearTimeout(id);
  }, [text, debounceMs]);

  const send = (next: SearchQuery) => {
    setSent(next.text);
    onSearch(next);
  };
  const summary = error ? '' : searchSummary(profile, query, result);
  return (
    <div className={styles.wrapper}>
      <div className={styles.input}>
        <Input
          aria-label="Search functions"
          placeholder={query.regex ? 'Search functions (regex)' : 'Search functions'}
          value={text}
          invalid={Boolean(error)}
          prefix={<Icon name="search" />}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              send({ ...query, text });
            } else if (e.key === 'Escape') {
              setText('');
              send({ ...query, text: '' });
            }
          }}
          suffix={
            <span className={styles.toggles}>
              <Toggle
                label=".*"
                title="Regular expression"
                on={Boolean(query.regex)}
                onClick={() => send({ ...query, text, regex: !query.regex })}
              />
              <Toggle
                label="Aa"
                title="Match case"
                on={Boolean(query.caseSensitive)}
                onClick={() => send({ ...query, text, caseSensitive: !query.caseSensitive })}
              />
            </span>
          }
        />
      </div>
      {error ? (
        <div role="alert" className={styles.error}>
          {error}
        </div>
      ) : summary ? (
        <div className={styles.summary} aria-live="polite" data-testid="flamelens-search-summary">
          {summary}
        </div>
      ) : null}
    </div>
  );
}

function Toggle({ label, title, on, onClick }: { label: string; title: string; on: boolean; onClick: () => void }) {
  return (
    <Button
      size="sm"
      fill={on ? 'solid' : 'text'}
      variant={on ? 'primary' : 'secondary'}
      aria-label={title}
      aria-pressed={on}
      title={title}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // The match count sits beside the input when there is room, else wraps below it: never clipped (the shell's
  // toolbar row grows with it).
  wrapper: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.25, 1),
    minWidth: 0,
  }),
  // Grafana's Input keeps its input's intrinsic width (about 20 characters) as its minimum: let it shrink. Its width
  // includes the padding around the toggles as in Grafana's global border-box (not every host sets it).
  input: css({
    flex: '1 1 180px',
    minWidth: 0,
    maxWidth: 360,
    '& > div > div': { minWidth: 0 },
    '& input': { boxSizing: 'border-box' },
  }),
  toggles: css({ display: 'inline-flex', gap: theme.spacing(0.25) }),
  summary: css({
    flex: '0 1 auto',
    minWidth: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
  error: css({
    flex: '0 1 auto',
    minWidth: 0,
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
});
