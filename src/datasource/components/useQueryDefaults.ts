import { useEffect, useRef } from 'react';

import { SERVICE_LABEL, type TimeRangeMs } from '../api/types';
import { DEFAULT_PROFILE_TYPE } from '../query/defaults';
import type { ProfileQuery } from '../types';
import { cachedLookup, labelValuesLookup, profileTypesLookup, type LookupSource } from './lookups';
import { readSelector, withService } from './selectorModel';

interface Args {
  datasource: LookupSource;
  range: TimeRangeMs;
  query: ProfileQuery;
  onChange: (query: ProfileQuery) => void;
  onRunQuery: () => void;
}

/**
 * Fills a new query (one without a profile type) with the server's CPU profile type, or its first type, and its first
 * service, then runs it: one `onChange`, one run. Only new queries: a saved query without a service means "all
 * services" and is left alone. Uses the pickers' cache, so their lists come without a second request; an answer that
 * arrives after the range or the query changed is dropped.
 */
export function useQueryDefaults({ datasource, range, query, onChange, onRunQuery }: Args): void {
  const latest = useRef({ query, onChange, onRunQuery });
  useEffect(() => {
    latest.current = { query, onChange, onRunQuery };
  });
  const applied = useRef(false);
  const isNew = !query.profileTypeId;
  const { fromMs, toMs } = range;

  useEffect(() => {
    if (applied.current || !isNew) {
      return;
    }
    let current = true;
    const scopeRange = { fromMs, toMs };
    const fill = async () => {
      const types = profileTypesLookup(datasource, scopeRange);
      const offered = await cachedLookup(types.key ?? '', types.load);
      const type = offered.find((t) => t.id === DEFAULT_PROFILE_TYPE) ?? offered[0];
      if (!current || !type) {
        return;
      }
      let labelSelector = latest.current.query.labelSelector ?? '{}';
      const read = readSelector(labelSelector);
      if (read.ok && !read.parsed.matchers.some((m) => m.name === SERVICE_LABEL)) {
        const services = labelValuesLookup(datasource, SERVICE_LABEL, { profileTypeId: type.id, range: scopeRange });
        // No service is still a query (all services); the service picker shows why its list failed.
        const names = await cachedLookup(services.key ?? '', services.load).catch(() => []);
        if (!current) {
          return;
        }
        if (names[0] !== undefined) {
          labelSelector = withService(read.parsed, names[0]);
        }
      }
      if (!current || latest.current.query.profileTypeId) {
        return;
      }
      applied.current = true;
      latest.current.onChange({ ...latest.current.query, profileTypeId: type.id, labelSelector });
      latest.current.onRunQuery();
    };
    // The profile type picker shows why the list failed; a new query then simply starts empty.
    fill().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [datasource, isNew, fromMs, toMs]);
}
