import { useEffect, useState } from 'react';
import type { DataFrame, DataQueryRequest } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';

import type { DataSourceLookup } from './profileSource';

/** Finds what a frame's datasource offers (a pprof source, a subtree source), or undefined when it offers none. */
export type FindFrameSource<T> = (
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined,
  dataSourceSrv: DataSourceLookup
) => Promise<T | undefined>;

/**
 * What `find` finds for the frame through Grafana's runtime (`getDataSourceSrv()`): undefined while looking, when
 * there is nothing, and when looking failed; looked up again when the frame or the request changes. `find` must be a
 * stable function (a module-level one), as it is an effect dependency.
 */
export function useFrameSource<T>(
  find: FindFrameSource<T>,
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined
): T | undefined {
  const [source, setSource] = useState<T | undefined>(undefined);
  useEffect(() => {
    let current = true;
    find(frame, request, getDataSourceSrv()).then(
      (found) => current && setSource(() => found),
      () => current && setSource(undefined)
    );
    return () => {
      current = false;
    };
  }, [find, frame, request]);
  return source;
}
