import React, { useEffect, useMemo, useState } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, IconButton, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { linesOf, type PprofLines } from '../../model/pprofLines';
import { formatFrameFilters, parseFrameFilters } from '../../model/transforms/frameFilterList';
import type { FrameFilter } from '../../model/transforms/frameFilters';
import { displayText } from '../render/displayText';
import type { ProfileSource } from '../profileSource';
import { loadLineIndex } from './linesCache';
import { linesSummary, noLinesMessage } from './linesRows';

/** Props of `LinesView`. */
export interface LinesViewProps {
  /** The function whose lines are shown, as the flame graph names it. */
  functionName: string;
  /** The frame the profile belongs to: the cache key of its downloaded pprof. */
  frame: object;
  source: ProfileSource;
  heightPx: number;
  onClose: () => void;
  /** The flame graph's frame filters: applied to the lines too, and named in a note above them. */
  frameFilters?: readonly FrameFilter[];
}

/** What was asked: an answer belongs to its request, so a new request shows loading until it is answered. */
interface Request {
  functionName: string;
  filterKey: string;
  frame: object;
  source: ProfileSource;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; request: Request }
  | { status: 'ready'; lines: PprofLines; request: Request };

const LOADING: State = { status: 'loading' };

/**
 * One function's source lines, like `go tool pprof -list` without the source text: file, line, flat, cum and
 * their shares of the profile, read from the pprof of the frame's query (downloaded once per frame).
 */
export function LinesView({ functionName, frame, source, heightPx, onClose, frameFilters }: LinesViewProps) {
  const styles = useStyles2(getStyles);
  const [answer, setAnswer] = useState<State>({ status: 'loading' });
  // Filters by value, not identity: a shell that passes an equal new list each render must not re-read the lines.
  const filterKey = frameFilters && frameFilters.length > 0 ? formatFrameFilters(frameFilters) : '';
  const filters = useMemo(() => parseFrameFilters(filterKey).filters, [filterKey]);
  useEffect(() => {
    const controller = new AbortController();
    const request = { functionName, frame, source, filterKey };
    loadLineIndex(frame, source, controller.signal)
      .then((index) => setAnswer({ status: 'ready', lines: linesOf(index, functionName, filters), request }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setAnswer({ status: 'error', message: e instanceof Error ? e.message : String(e), request });
        }
      });
    return () => controller.abort();
  }, [frame, source, functionName, filters, filterKey]);
  const current =
    answer.status !== 'loading' &&
    answer.request.functionName === functionName &&
    answer.request.filterKey === filterKey &&
    answer.request.frame === frame &&
    answer.request.source === source;
  const state: State = current ? answer : LOADING;
  const summary = useMemo(() => (answer.status === 'ready' ? linesSummary(answer.lines) : undefined), [answer]);

  return (
    <section
      className={styles.root}
      style={{ height: heightPx }}
      aria-label={`Source lines of ${displayText(functionName)}`}
      data-testid="flamelens-lines"
    >
      <header className={styles.header}>
        <div className={styles.title}>
          <span className={styles.kind}>Source lines</span>
          <span className={styles.name} title={displayText(functionName)}>
            {displayText(functionName)}
          </span>
        </div>
        {summary && current && summary.rows.length > 0 && (
          <span
            className={styles.note}
            data-testid="flamelens-lines-totals"
            data-total={answer.status === 'ready' ? answer.lines.total : undefined}
          >
            {summary.totals}
          </span>
        )}
        <IconButton name="times" tooltip="Close source lines" onClick={onClose} />
      </header>
      {filterKey !== '' && (
        <div className={styles.note} data-testid="flamelens-lines-filters">
          After the frame filters, as in the flame graph: {filterKey}
        </div>
      )}
      {state.status === 'loading' && <LoadingPlaceholder text="Downloading the profile…" />}
      {state.status === 'error' && (
        <Alert severity="error" title="Could not read the source lines">
          {state.message}
        </Alert>
      )}
      {state.status === 'ready' && state.lines.noLines && (
        <Alert severity="info" title="No source lines" data-testid="flamelens-lines-empty">
          {noLinesMessage(state.lines.noLines, displayText(functionName))}
        </Alert>
      )}
      {summary && current && summary.rows.length > 0 && (
        <div className={styles.scroll}>
          <table className={styles.table} data-testid="flamelens-lines-table">
            <thead>
              <tr>
                <th className={styles.th}>File</th>
                <th className={cx(styles.th, styles.numeric)}>Line</th>
                <th className={cx(styles.th, styles.numeric)}>Flat</th>
                <th className={cx(styles.th, styles.numeric)}>Flat%</th>
                <th className={cx(styles.th, styles.numeric)}>Cum</th>
                <th className={cx(styles.th, styles.numeric)}>Cum%</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((row) => (
                <tr
                  key={row.key}
                  className={cx(styles.row, row.hot && styles.hot)}
                  data-hot={row.hot ? 'true' : undefined}
                  data-file={row.file}
                  data-flat={row.flatValue}
                  data-cum={row.cumValue}
                  style={{ ['--heat' as string]: `${Math.round(row.heat * 100)}%` }}
                >
                  <td className={cx(styles.td, styles.file)} title={displayText(row.file)}>
                    {displayText(row.shortFile)}
                  </td>
                  <td className={cx(styles.td, styles.numeric)}>{row.line}</td>
                  <td className={cx(styles.td, styles.numeric)}>{row.flat}</td>
                  <td className={cx(styles.td, styles.numeric, styles.share)}>{row.flatShare}</td>
                  <td className={cx(styles.td, styles.numeric)}>{row.cum}</td>
                  <td className={cx(styles.td, styles.numeric, styles.share)}>{row.cumShare}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minHeight: 0 }),
  header: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), flex: 'none', minWidth: 0 }),
  title: css({ display: 'flex', alignItems: 'baseline', gap: theme.spacing(1), flex: '1 1 auto', minWidth: 0 }),
  kind: css({ fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap' }),
  name: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  }),
  note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  scroll: css({ flex: 1, overflow: 'auto', minHeight: 0 }),
  table: css({ width: '100%', borderCollapse: 'collapse', fontSize: theme.typography.bodySmall.fontSize }),
  th: css({
    position: 'sticky',
    top: 0,
    background: theme.colors.background.primary,
    borderBottom: `1px solid ${theme.colors.border.medium}`,
    padding: theme.spacing(0.5, 1),
    fontWeight: theme.typography.fontWeightMedium,
    textAlign: 'left',
  }),
  row: css({
    // A bar behind the row as long as the line's share of the hottest line.
    background: `linear-gradient(to right, ${theme.colors.action.hover} var(--heat), transparent var(--heat))`,
  }),
  hot: css({ fontWeight: theme.typography.fontWeightBold, color: theme.colors.warning.text }),
  td: css({
    padding: theme.spacing(0.25, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    whiteSpace: 'nowrap',
  }),
  file: css({ fontFamily: theme.typography.fontFamilyMonospace, overflow: 'hidden', textOverflow: 'ellipsis' }),
  numeric: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
  share: css({ color: theme.colors.text.secondary }),
});
