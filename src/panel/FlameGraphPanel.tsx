import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { AddFilterButton } from './components/AddFilter';
import { FILTER_CHIPS_HEIGHT_PX, FilterChips } from './components/FilterChips';
import { FlameGraphView } from './components/FlameGraphView';
import { HEADER_HEIGHT_PX, Header } from './components/Header';
import { Timeline } from './components/Timeline';
import { deriveFilterView, filterSummary } from './frameFilterView';
import { rootTotal } from '../model/profile';
import { DEFAULT_OPTIONS, type FlameGraphOptions } from './options';
import { usePanelFilters } from './usePanelFilters';
import { choosePanelBody, isSettled, nextLastPicture, type PanelInput } from './panelData';
import { usePanelInput } from './usePanelInput';
import { useProfileSource } from './usePprofDownload';
import { useRefineOnFocus } from './useRefineOnFocus';
import { useRefineHeaderParts } from './components/refinePart';
import { DEFAULT_COMPARE_VARIABLE, DEFAULT_FOCUS_VARIABLE, readFrameMeta, type CompareMode } from '../model/contract';

/**
 * The dashboard variable that holds the compare mode (`compare: $compare` in the queries, set by the "Compare with
 * before" links; the frame contract names it), and its value for no comparison.
 */
export const COMPARE_VARIABLE = DEFAULT_COMPARE_VARIABLE;
export const COMPARE_OFF: CompareMode = 'off';

/**
 * Returns the dashboard to its own range and plain view, in one URL change that Grafana's dashboard syncs into the
 * variables: empties the focus variable (`var-focus=`; emptied rather than removed, as a variable keeps its value when
 * its URL key is missing) and turns the comparison off (`var-compare=off`) when the dashboard has a compare variable
 * that compares. `replaceVariables` is the panel's: it leaves a variable the dashboard does not have as written.
 */
export function showDashboardRange(focusVariable: string, replaceVariables: (text: string) => string): void {
  const update: Record<string, string> = { [`var-${focusVariable}`]: '' };
  const reference = `\${${COMPARE_VARIABLE}}`;
  const compare = replaceVariables(reference).trim();
  if (compare !== reference && compare !== '' && compare !== COMPARE_OFF) {
    update[`var-${COMPARE_VARIABLE}`] = COMPARE_OFF;
  }
  locationService.partial(update);
}

/** The header and the gap below it. */
const HEADER_PX = HEADER_HEIGHT_PX + 4;
const TIMELINE_PX = 48;

/**
 * The flame graph panel's React shell: reads the query result through the shared model, says what is shown, and
 * hands the profile to the interactive view. Bad or missing data is a message, never a blank panel; a query still
 * running keeps the last picture (or a neutral placeholder on the first load), never a "No data".
 */
export function FlameGraphPanel({
  data,
  width,
  height,
  options,
  timeZone,
  onChangeTimeRange,
  onOptionsChange,
  replaceVariables,
}: PanelProps<FlameGraphOptions>) {
  const styles = useStyles2(getStyles);
  const opts = { ...DEFAULT_OPTIONS, ...options };
  // Undefined while a large frame is still being read, in slices (usePanelInput.ts).
  const input = usePanelInput(data.series);
  // The last drawable answer, shown while the next one is on its way (state adjusted during render, as React advises
  // for state derived from props).
  const [last, setLast] = useState<PanelInput | undefined>(undefined);
  const keep = nextLastPicture(input, data.state, last);
  if (keep !== last) {
    setLast(keep);
  }
  const body = choosePanelBody(input, data, keep);
  const shown = body.kind === 'loading' ? undefined : body.input;
  const showTimeline = opts.showTimeline && shown?.series !== undefined;
  const focusVariable = useMemo(() => {
    const meta = readFrameMeta(shown?.frame?.meta?.custom);
    return meta.focusMs !== undefined ? (meta.focusVariable ?? DEFAULT_FOCUS_VARIABLE) : undefined;
  }, [shown?.frame]);
  // Frame filters: the panel's and the query's, applied once per profile and filter list (memoised here, so hovers,
  // focus clicks and searches in the view never run them again); every view below shows the filtered profile.
  const filters = usePanelFilters(
    options.frameFilters,
    (frameFilters) => onOptionsChange({ ...options, frameFilters }),
    shown?.frame
  );
  // Refine on focus: the exact subtree of a focused, truncated frame, spliced in before the frame filters.
  const refine = useRefineOnFocus(shown?.profile, shown?.frame, data.request);
  const refineParts = useRefineHeaderParts(refine.status);
  const shownProfile = refine.profile ?? shown?.profile;
  const filterView = useMemo(
    () => (shownProfile ? deriveFilterView(shownProfile, filters.active) : undefined),
    [shownProfile, filters.active]
  );
  const showChips = (filterView?.chips.length ?? 0) > 0 || filters.listErrors.length > 0;
  const viewHeight =
    height - HEADER_PX - (showTimeline ? TIMELINE_PX : 0) - (showChips ? FILTER_CHIPS_HEIGHT_PX + 4 : 0);
  const profileSource = useProfileSource(shown?.frame, data.request);
  return (
    <div
      className={styles.root}
      style={{ width, height }}
      data-testid="flamelens-panel"
      aria-busy={!isSettled(data.state)}
    >
      {shown?.frame && (
        <Header
          meta={shown.frame.meta?.custom}
          profile={shownProfile}
          timeZone={timeZone}
          extraParts={refineParts}
          onShowDashboardRange={focusVariable ? () => showDashboardRange(focusVariable, replaceVariables) : undefined}
          actions={<AddFilterButton onAdd={filters.add} />}
        />
      )}
      {showChips && filterView && shownProfile && (
        <FilterChips
          chips={filterView.chips}
          listErrors={filters.listErrors}
          summary={filterSummary(shownProfile, filterView)}
          shownTotal={rootTotal(filterView.profile)}
          total={rootTotal(shownProfile)}
          onRemove={filters.remove}
          removable={filters.removable}
          variable={filters.variable}
        />
      )}
      {showTimeline && shown?.series && (
        <Timeline
          timesMs={shown.series.timesMs}
          values={shown.series.values}
          unit={shown.series.unit}
          widthPx={width}
          heightPx={TIMELINE_PX - 8}
          fromMs={data.timeRange.from.valueOf()}
          toMs={data.timeRange.to.valueOf()}
          timeZone={timeZone}
          onSelectRange={(fromMs, toMs) => onChangeTimeRange({ from: fromMs, to: toMs })}
        />
      )}
      {body.kind === 'picture' && filterView?.emptiedBy ? (
        <Alert severity="info" title="Nothing left after the frame filters" data-testid="flamelens-filtered-empty">
          {filterView.emptiedBy} Remove a filter above to see the profile again.
        </Alert>
      ) : body.kind === 'picture' && body.input.profile && body.input.frame ? (
        <FlameGraphView
          profile={filterView?.profile ?? shownProfile ?? body.input.profile}
          frameFilters={filterView?.filters}
          onFilter={(kind, name) => filters.add({ kind, mode: 'exact', pattern: name })}
          frame={body.input.frame}
          options={opts}
          widthPx={width}
          heightPx={viewHeight}
          profileSource={profileSource}
          onFocusCallSite={refine.onFocusCallSite}
        />
      ) : body.kind === 'problem' ? (
        <Alert severity={body.severity} title={body.title} data-testid="flamelens-problem">
          {body.text}
        </Alert>
      ) : (
        <div className={styles.loading} data-testid="flamelens-loading">
          <LoadingPlaceholder text="Loading profile…" />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), overflow: 'hidden' }),
  loading: css({
    flex: 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: theme.colors.text.secondary,
  }),
});
