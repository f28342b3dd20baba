import React from 'react';
import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';

import { QueryEditor } from './components/QueryEditor';
import type { ProfileQuery } from './types';

/** refId of the annotation query, as Grafana names it. */
const ANNOTATION_REF_ID = 'Anno';

/**
 * Spike annotations: the annotation's `target` is a profile query (`profileTypeId`, `labelSelector`,
 * optional `spikes` rules); it runs as queryType `spikes` through `query()`, whose annotation frame (time, timeEnd,
 * title, text, tags) Grafana's standard processing turns into region events. A target with only the profile type and
 * selector works: every rule has a default.
 */
export const profileAnnotationSupport: AnnotationSupport<ProfileQuery> = {
  prepareAnnotation(json: unknown): AnnotationQuery<ProfileQuery> {
    const anno = (json ?? {}) as AnnotationQuery<ProfileQuery>;
    return { ...anno, target: { ...anno.target, refId: anno.target?.refId ?? ANNOTATION_REF_ID } };
  },
  prepareQuery(anno: AnnotationQuery<ProfileQuery>): ProfileQuery | undefined {
    const target = anno.target;
    if (!target?.profileTypeId) {
      // Nothing chosen yet: Grafana skips the query quietly.
      return undefined;
    }
    return { ...target, refId: target.refId ?? ANNOTATION_REF_ID, queryType: 'spikes' };
  },
  getDefaultQuery(): Partial<ProfileQuery> {
    return { queryType: 'spikes', labelSelector: '{}' };
  },
  QueryEditor: (props) => React.createElement(QueryEditor, { ...props, mode: 'annotation' }),
};
