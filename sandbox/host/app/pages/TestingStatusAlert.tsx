import React from 'react';
import { selectors } from '@grafana/e2e-selectors';
import type { TestingStatus } from '@grafana/runtime';
import { Alert, type AlertVariant } from '@grafana/ui';

/** The status Grafana shows while a test runs. */
export const TESTING_STATUS: TestingStatus = {
  status: 'info',
  message: 'Testing... this could take up to a couple of minutes',
};

const VARIANTS = new Set<string>(['success', 'info', 'warning', 'error']);

/** Grafana's mapping: `ok` is success, a known severity is itself, anything else is info. */
export function alertVariant(status: string | null | undefined): AlertVariant {
  const s = (status ?? 'error').toLowerCase();
  if (s === 'ok') {
    return 'success';
  }
  return VARIANTS.has(s) ? (s as AlertVariant) : 'info';
}

/** Text of a detail value (plugins put strings there; anything else is shown as JSON rather than "[object Object]"). */
function detailText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') {
    return undefined;
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The result of "Save & test" as Grafana shows it (DataSourceTestingStatus): an alert titled with the message,
 * coloured by status, with `details.message` below and `details.verboseMessage` in a collapsed block. The alert
 * carries Grafana's e2e selector (`selectors.pages.DataSource.alert`); its box carries `data-testid Alert <severity>`.
 */
export function TestingStatusAlert({ status }: { status?: TestingStatus }) {
  const message = status?.message;
  if (!message) {
    return null;
  }
  const severity = alertVariant(status.status);
  const detailsMessage = detailText(status.details?.message);
  const verbose = detailText(status.details?.verboseMessage);
  return (
    <Alert severity={severity} title={message} data-testid={selectors.pages.DataSource.alert}>
      {detailsMessage || verbose ? (
        <>
          {detailsMessage && <div>{detailsMessage}</div>}
          {verbose && (
            <details style={{ whiteSpace: 'pre-wrap' }}>
              <summary>Details</summary>
              {verbose}
            </details>
          )}
        </>
      ) : undefined}
    </Alert>
  );
}
