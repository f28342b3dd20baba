import React, { useEffect, useMemo, useState } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, useStyles2 } from '@grafana/ui';

import { nodeCount, rootTotal, type Profile } from '../../model/profile';
import { formatValue } from '../../model/units';
import { mergedIntoOther, type MergedIntoOther } from '../../model/transforms/truncation';
import { formatMoment, momentParam } from '../../model/moment';
import { formatDuration, formatHalfWindow, formatShortWindow, formatWindow } from './format';
import { readFrameMeta, type CompareMode } from '../../model/contract';
import { profileTypeLabel } from './profileTypeLabel';

/** Props of `Header`. */
export interface HeaderProps {
  /** The flame graph frame's `meta.custom`, as it arrived (validated here). */
  meta: unknown;
  /** The decoded profile, for its total and node count. */
  profile?: Profile;
  /** The dashboard's time zone (`browser`, `utc`, an IANA name). */
  timeZone?: string;
  /**
   * Shown as a "Dashboard range" button when given: the shell passes it when the frame shows a focus window that
   * differs from the dashboard's range (focus moment).
   */
  onShowDashboardRange?: () => void;
  /** Controls at the end of the line, before "Dashboard range" (the frame filters' "Add filter"). */
  actions?: React.ReactNode;
  /** Parts other features add after the header's own (refine on focus: `refinePart.tsx`). */
  extraParts?: readonly HeaderPart[];
}

/** How the header names the baseline of each compare mode. */
const COMPARE_NAMES: Readonly<Record<Exclude<CompareMode, 'off'>, string>> = {
  before: 'the window before',
  '1d': 'a day earlier',
  '1w': 'a week earlier',
  custom: 'the baseline',
};

/**
 * The truncation hint: how much of the total the server merged into `other` nodes, and the node limit, e.g.
 * `Truncated by the server: 12.3% of the total is in "other" — raise Max nodes (now 1,024) to see more`.
 */
export function truncatedHint(maxNodes: number | undefined, merged?: MergedIntoOther): string {
  const now = maxNodes === undefined ? '' : ` (now ${maxNodes.toLocaleString('en-US')})`;
  const pct = (share: number) => `${(share * 100).toFixed(share < 0.01 && share > 0 ? 2 : 1)}%`;
  const inOther = !merged
    ? ''
    : merged.right
      ? `baseline ${pct(merged.share)}, comparison ${pct(merged.right.share)} of the total is in "other" — `
      : `${pct(merged.share)} of the total is in "other" — `;
  return `Truncated by the server: ${inOther}raise Max nodes${now} to see more`;
}

/** Characters of a part's text shown and measured: no header is wider than this (a 100 KB selector is data too). */
const MAX_PART_CHARS = 400;

/** One piece of the header line. */
export interface HeaderPart {
  key: string;
  /** 0 is kept longest when the line is short of room. */
  priority: number;
  /** The part as plain text: its tooltip, and what the header's own tooltip lists. */
  text: string;
  content: React.ReactNode;
  /** Element of the part (`code` for the selector). */
  as?: 'span' | 'code' | 'strong';
  testId?: string;
  /** Tooltip other than `text`. */
  title?: string;
  role?: 'status';
  className?: string;
}

/** Height of the header line: a small button's. */
export const HEADER_HEIGHT_PX = 24;

/** Width of a separator with the gaps on both sides of it, in css px. */
export const SEPARATOR_PX = 18;
/** Room a part keeps at least (or its whole width when narrower): a few characters and the ellipsis. */
export const MIN_PART_PX = 56;

/**
 * Which parts the line shows: in priority order, each part that still fits with at least `min(its width, minPartPx)`
 * and a separator; the most important part always. Widths of 0 (not measured yet, or no layout as in jsdom) and an
 * unmeasured line keep every part. Returned in the parts' own order.
 */
export function fitHeaderParts<T extends { key: string; priority: number }>(
  parts: readonly T[],
  widthsPx: Readonly<Record<string, number>>,
  availablePx: number,
  minPartPx: number = MIN_PART_PX,
  separatorPx: number = SEPARATOR_PX
): T[] {
  if (!(availablePx > 0)) {
    return [...parts];
  }
  const kept = new Set<string>();
  let used = 0;
  for (const part of [...parts].sort((a, b) => a.priority - b.priority)) {
    const cost = Math.min(widthsPx[part.key] ?? 0, minPartPx) + (kept.size > 0 ? separatorPx : 0);
    if (kept.size === 0 || used + cost <= availablePx) {
      kept.add(part.key);
      used += cost;
    }
  }
  return parts.filter((p) => kept.has(p.key));
}

/**
 * The width of each shown part: first `min(its width, minPartPx)` each, then what is left goes to the parts in
 * priority order, each up to its whole width; a part that does not get all of it ellipsizes. Empty (no widths given)
 * when the line is not measured.
 */
export function headerPartWidths<T extends { key: string; priority: number }>(
  shown: readonly T[],
  widthsPx: Readonly<Record<string, number>>,
  availablePx: number,
  minPartPx: number = MIN_PART_PX,
  separatorPx: number = SEPARATOR_PX
): Record<string, number> {
  if (!(availablePx > 0) || shown.some((p) => !(widthsPx[p.key] > 0))) {
    return {};
  }
  const room: Record<string, number> = {};
  let left = availablePx - separatorPx * Math.max(0, shown.length - 1);
  for (const p of shown) {
    room[p.key] = Math.min(widthsPx[p.key], minPartPx);
    left -= room[p.key];
  }
  for (const p of [...shown].sort((a, b) => a.priority - b.priority)) {
    const more = Math.max(0, Math.min(widthsPx[p.key] - room[p.key], Math.floor(left)));
    room[p.key] += more;
    left -= more;
  }
  return room;
}

/**
 * The parts of the header for a frame's meta and profile: profile type, selector, window (or focus moment),
 * comparison, totals, node count, truncation. Only the parts that exist: no empty slot between separators.
 */
export function headerParts(meta: unknown, profile: Profile | undefined, timeZone: string | undefined): HeaderPart[] {
  const view = readFrameMeta(meta);
  const parts: HeaderPart[] = [];
  if (view.profileTypeId) {
    const label = profileTypeLabel(view.profileTypeId);
    parts.push({ key: 'type', priority: 2, text: label, title: view.profileTypeId, as: 'strong', content: label });
  }
  if (view.labelSelector) {
    const selector = cap(view.labelSelector);
    parts.push({ key: 'selector', priority: 5, text: selector, as: 'code', content: selector });
  }
  if (view.focusMs !== undefined && view.focusWindowMs !== undefined) {
    // One form wherever the moment comes from; the title gives the form links write into the variable.
    const moment = formatMoment(view.focusMs, timeZone);
    const half = formatHalfWindow(view.focusWindowMs);
    parts.push({
      key: 'focus',
      priority: 0,
      text: `Profile around ${moment} (${half})`,
      title: momentParam(view.focusMs),
      testId: 'flamelens-focus',
      content: (
        <>
          Profile around <strong>{moment}</strong> ({half})
        </>
      ),
    });
  } else if (view.fromMs !== undefined && view.toMs !== undefined) {
    const text = `${formatWindow(view.fromMs, view.toMs, timeZone)} (${formatDuration(view.toMs - view.fromMs)})`;
    parts.push({ key: 'window', priority: 0, text, content: text });
  }
  if (
    view.compare &&
    view.baselineFromMs !== undefined &&
    view.baselineToMs !== undefined &&
    view.fromMs !== undefined &&
    view.toMs !== undefined
  ) {
    const text = `comparing ${formatShortWindow(view.fromMs, view.toMs, timeZone)} with ${
      view.compare === 'off' ? 'the baseline' : COMPARE_NAMES[view.compare]
    } ${formatShortWindow(view.baselineFromMs, view.baselineToMs, timeZone)}`;
    parts.push({ key: 'compare', priority: 3, text, testId: 'flamelens-compare', content: text });
  }
  if (profile && nodeCount(profile) > 0) {
    const right = profile.right;
    const text = right
      ? `baseline ${formatValue(rootTotal(profile), profile.unit)}, comparison ${formatValue(right.total[0], profile.unit)}`
      : `total ${formatValue(rootTotal(profile), profile.unit)}`;
    parts.push({ key: 'total', priority: 4, text, content: text });
  }
  // The profile shown, when at hand, counts its own nodes: a refine on focus splices exact subtrees into it, so it
  // may hold more than the server's frame said.
  const nodes = profile ? nodeCount(profile) : view.nodeCount;
  if (nodes !== undefined) {
    const text = `${nodes.toLocaleString('en-US')} ${nodes === 1 ? 'node' : 'nodes'}`;
    parts.push({ key: 'nodes', priority: 6, text, content: text });
  }
  if (view.truncated) {
    const text = truncatedHint(view.maxNodes, profile ? mergedIntoOther(profile) : undefined);
    parts.push({
      key: 'truncated',
      priority: 1,
      text,
      role: 'status',
      content: (
        <>
          <Icon name="exclamation-triangle" size="sm" />
          {text}
        </>
      ),
    });
  }
  return parts;
}

function cap(text: string): string {
  return text.length > MAX_PART_CHARS ? `${text.slice(0, MAX_PART_CHARS)}…` : text;
}

/**
 * One line saying what is shown: profile type, selector, window, comparison, total, node count, truncation, and the
 * way back to the dashboard range. Built from the parts that exist; when the line is short of room the least
 * important parts leave it (the header's tooltip still lists them) and the others ellipsize, each with its own
 * tooltip. The button always stays whole.
 */
export function Header({ meta, profile, timeZone, onShowDashboardRange, actions, extraParts }: HeaderProps) {
  const styles = useStyles2(getStyles);
  const parts = useMemo(
    () => [...headerParts(meta, profile, timeZone), ...(extraParts ?? [])],
    [meta, profile, timeZone, extraParts]
  );
  const signature = parts.map((p) => `${p.key}\u0000${p.text}`).join('\u0001');
  const [lineRef, line] = useLineMeasure(signature);
  if (parts.length === 0 && !onShowDashboardRange && !actions) {
    return null;
  }
  const widths = line.parts;
  const fitted = fitHeaderParts(parts, widths, line.width);
  const shown = new Set(fitted.map((p) => p.key));
  const room = headerPartWidths(fitted, widths, line.width);
  const firstShown = parts.findIndex((p) => shown.has(p.key));
  return (
    <div className={styles.header} data-testid="flamelens-header" title={parts.map((p) => p.text).join(' · ')}>
      <div className={styles.line} ref={lineRef}>
        {parts.map((p, i) => {
          const out = !shown.has(p.key);
          const dot = !out && i > firstShown;
          return (
            <React.Fragment key={p.key}>
              {dot && (
                <span className={styles.dot} aria-hidden>
                  ·
                </span>
              )}
              {React.createElement(
                p.as ?? 'span',
                {
                  className: cx(styles.part, p.key === 'truncated' && styles.warning, p.className, out && styles.out),
                  title: p.title ?? p.text,
                  'data-testid': p.testId,
                  'data-part': p.key,
                  'data-out': out,
                  role: out ? undefined : p.role,
                  style: out || room[p.key] === undefined ? undefined : { flex: 'none', width: room[p.key] },
                },
                p.content
              )}
            </React.Fragment>
          );
        })}
      </div>
      {actions && <span className={styles.button}>{actions}</span>}
      {onShowDashboardRange && (
        <Button
          className={styles.button}
          size="sm"
          variant="secondary"
          fill="text"
          icon="times"
          onClick={onShowDashboardRange}
          tooltip="Clear the focus moment and the comparison, and show the dashboard's time range"
        >
          Dashboard range
        </Button>
      )}
    </div>
  );
}

/**
 * Width of an element's content in css px, fractions included, whatever the width of its box: the extent of its
 * contents as laid out (text cut by an ellipsis is still laid out whole). Falls back to scrollWidth (whole px, and
 * never less than the box) where ranges have no geometry.
 */
function contentWidth(el: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  const width = typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect().width : 0;
  return width > 0 ? width : el.scrollWidth;
}

function sameWidths(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** The header line's width and its parts' natural widths (see `useLineMeasure`). */
interface LineMeasure {
  width: number;
  parts: Record<string, number>;
}

/**
 * Measures the header line (the element given to the returned ref) and the natural width of each of its
 * `[data-part]` children: a shown part's content, whatever its box is given; a left-out part's own box (it stays in
 * the line, out of the flow and invisible, to be measured). Again whenever one of them changes size (the panel, a
 * font arriving) and when the parts change (`signature`). Zero everywhere until measured, and in jsdom.
 */
function useLineMeasure(signature: string): [(el: HTMLDivElement | null) => void, LineMeasure] {
  const [line, setLine] = useState<HTMLDivElement | null>(null);
  const [measure, setMeasure] = useState<LineMeasure>({ width: 0, parts: {} });
  useEffect(() => {
    if (!line || typeof ResizeObserver === 'undefined') {
      return;
    }
    const update = () => {
      const parts: Record<string, number> = {};
      line.querySelectorAll<HTMLElement>('[data-part]').forEach((el) => {
        const out = el.dataset.out === 'true';
        parts[el.dataset.part ?? ''] = Math.ceil(out ? el.getBoundingClientRect().width : contentWidth(el));
      });
      const width = Math.floor(line.getBoundingClientRect().width);
      setMeasure((prev) => (prev.width === width && sameWidths(prev.parts, parts) ? prev : { width, parts }));
    };
    const observer = new ResizeObserver(update);
    observer.observe(line);
    line.querySelectorAll('[data-part]').forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [line, signature]);
  return [setLine, measure];
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    display: 'flex',
    flex: 'none',
    height: HEADER_HEIGHT_PX,
    alignItems: 'center',
    gap: theme.spacing(0.75),
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    strong: { color: theme.colors.text.primary, fontWeight: theme.typography.fontWeightMedium },
    code: {
      fontFamily: theme.typography.fontFamilyMonospace,
      background: 'none',
      border: 'none',
      padding: 0,
      color: 'inherit',
    },
  }),
  line: css({
    position: 'relative',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    flex: '1 1 auto',
    minWidth: 0,
    overflow: 'hidden',
  }),
  // Parts shrink (never below their inline min width) and ellipsize: the long ones give most.
  part: css({
    flex: '0 1 auto',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  dot: css({ flex: 'none', color: theme.colors.text.disabled }),
  warning: css({
    color: theme.colors.warning.text,
    svg: { marginRight: theme.spacing(0.5), verticalAlign: 'text-bottom' },
  }),
  button: css({ flex: 'none' }),
  // A part left out for lack of room: kept in the line, invisible and out of the flow, so its width stays known.
  out: css({ position: 'absolute', left: 0, top: 0, visibility: 'hidden', pointerEvents: 'none' }),
});
