/**
 * Grafana's toasts: success, warning and error alerts published on appEvents (by the backend service for failed or
 * successful API calls, or by plugins) show for a few seconds in a corner.
 */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { AppEvents, BusEventWithPayload, type EventBus, type GrafanaTheme2 } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';

const SHOW_MS = 6000;

interface Toast {
  id: number;
  severity: 'success' | 'warning' | 'error';
  title: string;
  text?: string;
}

let nextId = 0;

// Grafana's legacy alert events, published as `{ type: <event name>, payload: [title, text] }`.
class AlertSuccessEvent extends BusEventWithPayload<unknown[]> {
  static type = AppEvents.alertSuccess.name;
}
class AlertWarningEvent extends BusEventWithPayload<unknown[]> {
  static type = AppEvents.alertWarning.name;
}
class AlertErrorEvent extends BusEventWithPayload<unknown[]> {
  static type = AppEvents.alertError.name;
}

export function Notifications({ appEvents }: { appEvents: EventBus }) {
  const styles = useStyles2(getStyles);
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const add = (severity: Toast['severity']) => (event: { payload?: unknown }) => {
      const [title, text] = Array.isArray(event.payload) ? event.payload : [String(event.payload ?? '')];
      const toast: Toast = {
        id: nextId++,
        severity,
        title: String(title ?? ''),
        text: text ? String(text) : undefined,
      };
      setToasts((list) => [...list, toast]);
      const timer = setTimeout(() => {
        timers.delete(timer);
        setToasts((list) => list.filter((t) => t.id !== toast.id));
      }, SHOW_MS);
      timers.add(timer);
    };
    const subscriptions = [
      appEvents.subscribe(AlertSuccessEvent, add('success')),
      appEvents.subscribe(AlertWarningEvent, add('warning')),
      appEvents.subscribe(AlertErrorEvent, add('error')),
    ];
    return () => {
      subscriptions.forEach((s) => s.unsubscribe());
      timers.forEach((t) => clearTimeout(t));
    };
  }, [appEvents]);

  if (toasts.length === 0) {
    return null;
  }
  return (
    <div className={styles.stack} role="status">
      {toasts.map((t) => (
        <Alert
          key={t.id}
          severity={t.severity}
          title={t.title}
          onRemove={() => setToasts((list) => list.filter((x) => x.id !== t.id))}
        >
          {t.text}
        </Alert>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  stack: css({
    position: 'fixed',
    right: theme.spacing(2),
    bottom: theme.spacing(2),
    width: 400,
    zIndex: theme.zIndex.portal,
  }),
});
