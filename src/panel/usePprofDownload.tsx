import React, { useCallback, useEffect, useRef, useState } from 'react';
import type { DataFrame, DataQueryRequest } from '@grafana/data';
import { Alert } from '@grafana/ui';

import { download } from './components/export';
import { findProfileSource, type ProfileSource } from './profileSource';
import { useFrameSource } from './useFrameSource';

/**
 * The panel's side of "Download pprof": `useProfileSource` finds the frame's datasource through Grafana's runtime
 * (see `profileSource.ts`); `usePprofDownload` runs a download, saves the file, and keeps a failure to show.
 */

/** The profile source of the frame, once found (undefined while looking, and when there is none). */
export function useProfileSource(
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined
): ProfileSource | undefined {
  return useFrameSource(findProfileSource, frame, request);
}

export interface PprofDownload {
  /** Starts the download; undefined when there is no source (the menu item is then absent). */
  onExportPprof?: () => void;
  /** Why the last download failed, shown until dismissed or the next download. */
  error?: string;
  dismiss: () => void;
}

export function usePprofDownload(source: ProfileSource | undefined): PprofDownload {
  const [error, setError] = useState<string | undefined>(undefined);
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => running.current?.abort(), []);
  const start = useCallback(() => {
    if (!source) {
      return;
    }
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setError(undefined);
    source.loadPprof(controller.signal).then(
      (bytes) => {
        if (!controller.signal.aborted) {
          download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), source.fileName);
        }
      },
      (err: unknown) => {
        if (!controller.signal.aborted) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }
    );
  }, [source]);
  const dismiss = useCallback(() => setError(undefined), []);
  return { ...(source ? { onExportPprof: start } : {}), ...(error !== undefined ? { error } : {}), dismiss };
}

/** The failure of a pprof download, dismissable. */
export function PprofDownloadError({ state }: { state: PprofDownload }) {
  if (state.error === undefined) {
    return null;
  }
  return (
    <Alert severity="error" title="Download pprof failed" onRemove={state.dismiss} data-testid="flamelens-pprof-error">
      {state.error}
    </Alert>
  );
}
