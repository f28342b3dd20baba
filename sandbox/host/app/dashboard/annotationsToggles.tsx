/**
 * The annotation query toggles of the dashboard controls, as Grafana shows them after the variables: the query's
 * name and a switch (`enable`) for every query not hidden (`hide`), a spinner while it runs, and a small warning
 * icon with the message when it failed — a hidden query's failure shows as the icon alone.
 */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, InlineLabel, InlineSwitch, Spinner, Tooltip, useStyles2 } from '@grafana/ui';

import type { AnnotationLayerState, DashboardAnnotations } from './annotationsLayer';

export interface AnnotationTogglesProps {
  annotations: DashboardAnnotations;
}

export function AnnotationToggles({ annotations }: AnnotationTogglesProps) {
  const styles = useStyles2(getStyles);
  const [states, setStates] = useState<AnnotationLayerState[]>(() => annotations.state$.value);
  useEffect(() => {
    const subscription = annotations.state$.subscribe(setStates);
    return () => subscription.unsubscribe();
  }, [annotations]);
  const shown = states.filter((s) => !s.hidden || s.error);
  if (shown.length === 0) {
    return null;
  }
  return (
    <>
      {shown.map((state) => {
        const id = `annotation-toggle-${state.index}`;
        return (
          <div
            key={state.index}
            className={styles.item}
            data-testid="annotation-toggle"
            data-annotation-name={state.name}
          >
            {!state.hidden && (
              <>
                <InlineLabel width="auto" className={styles.label} htmlFor={id}>
                  {state.name}
                </InlineLabel>
                <InlineSwitch
                  id={id}
                  value={state.enabled}
                  onChange={() => annotations.setEnabled(state.index, !state.enabled)}
                />
              </>
            )}
            {state.loading && <Spinner inline={true} />}
            {state.error && (
              <Tooltip content={state.error}>
                <span role="img" aria-label={state.error} className={styles.error} data-testid="annotation-error">
                  <Icon name="exclamation-triangle" />
                </span>
              </Tooltip>
            )}
          </div>
        );
      })}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  item: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  label: css({ marginRight: 0 }),
  error: css({ color: theme.colors.error.text }),
});
