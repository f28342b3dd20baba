/**
 * The content of an annotation's tooltip, as Grafana's AnnotationTooltip2 shows it: the time (or "start - end" of
 * a region) in the dashboard's time zone, the alert state for alert annotations, the text as HTML sanitized by
 * `textUtil.sanitize` (links stay clickable; the title goes first, except for alerts) and the tags.
 */
import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, systemDateFormats, textUtil, type GrafanaTheme2, type TimeZone } from '@grafana/data';
import { Tag, useStyles2, useTheme2 } from '@grafana/ui';

import type { AnnotationValues } from './annotationGeometry';

export interface AnnotationTooltipProps {
  values: AnnotationValues;
  row: number;
  timeZone: TimeZone;
}

/** Alert states as Grafana names and colours them. */
const ALERT_STATES: Record<string, { text: string; color: 'error' | 'warning' | 'success' | 'secondary' }> = {
  alerting: { text: 'Alerting', color: 'error' },
  pending: { text: 'Pending', color: 'warning' },
  normal: { text: 'Normal', color: 'success' },
  ok: { text: 'OK', color: 'success' },
  nodata: { text: 'No Data', color: 'secondary' },
  no_data: { text: 'No Data', color: 'secondary' },
};

export function AnnotationTooltip({ values, row, timeZone }: AnnotationTooltipProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const format = (ms: unknown) => dateTimeFormat(Number(ms), { format: systemDateFormats.fullDate, timeZone });
  let time = format(values.time?.[row]);
  if (values.isRegion?.[row] && values.timeEnd?.[row] !== undefined) {
    time += ` - ${format(values.timeEnd[row])}`;
  }
  const title = stringAt(values, 'title', row);
  let text = stringAt(values, 'text', row);
  const newState = stringAt(values, 'newState', row);
  const isAlert = values.alertId?.[row] !== undefined && values.alertId[row] !== null && newState !== '';
  const state = isAlert ? (ALERT_STATES[newState.toLowerCase()] ?? { text: newState, color: 'secondary' }) : undefined;
  if (!isAlert && title) {
    text = `${title}<br />${text}`;
  }
  const tagValue = values.tags?.[row];
  const tags = Array.isArray(tagValue) ? tagValue.map(String) : [];

  return (
    <div className={styles.wrapper} data-testid="annotation-tooltip">
      <div className={styles.header}>
        {state && (
          <span
            className={styles.state}
            style={{ color: theme.colors[state.color].text }}
            data-testid="annotation-alert-state"
          >
            {state.text}
          </span>
        )}
        <span>{time}</span>
      </div>
      <div className={styles.body}>
        {text && (
          <div
            className={styles.text}
            data-testid="annotation-text"
            // Sanitized as Grafana does: annotation texts are HTML with links.
            dangerouslySetInnerHTML={{ __html: textUtil.sanitize(text) }}
          />
        )}
        {tags.length > 0 && (
          <div className={styles.tags}>
            {tags.map((tag, i) => (
              <Tag key={`${tag}-${i}`} name={tag} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function stringAt(values: AnnotationValues, key: string, row: number): string {
  const value = values[key]?.[row];
  return typeof value === 'string' ? value : '';
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    minWidth: 300,
    maxWidth: 480,
    whiteSpace: 'initial',
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    boxShadow: theme.shadows.z2,
    userSelect: 'text',
  }),
  header: css({
    display: 'flex',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    fontSize: theme.typography.fontSize,
    color: theme.colors.text.primary,
  }),
  state: css({ fontWeight: theme.typography.fontWeightMedium }),
  body: css({
    padding: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    a: { color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } },
  }),
  text: css({ paddingBottom: theme.spacing(1) }),
  tags: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
});
