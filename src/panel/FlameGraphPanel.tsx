import React, { useMemo } from 'react';
import type { PanelProps } from '@grafana/data';
import { Alert, Text } from '@grafana/ui';

import { dataFrameToProfile, isFlameGraphFrame } from '../model/frame';
import { rootTotal } from '../model/profile';
import { formatValue } from '../model/units';
import type { FlameGraphOptions } from './options';

/**
 * React shell of the flame graph panel. This build reads the first flame graph frame through the shared model and
 * reports what it holds (or what is wrong with it); the canvas renderer comes next.
 */
export function FlameGraphPanel({ data, width, height }: PanelProps<FlameGraphOptions>) {
  const result = useMemo(() => {
    const frame = data.series.find(isFlameGraphFrame);
    if (!frame) {
      return { error: 'No flame graph data: the query returned no frame with level, value, self and label fields.' };
    }
    try {
      return { profile: dataFrameToProfile(frame) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [data.series]);

  return (
    <div style={{ width, height, overflow: 'auto' }} data-testid="flamelens-panel">
      {result.profile ? (
        <Text>
          {result.profile.level.length} frames, total {formatValue(rootTotal(result.profile), result.profile.unit)}
        </Text>
      ) : (
        <Alert severity="warning" title="Cannot show this flame graph">
          {result.error}
        </Alert>
      )}
    </div>
  );
}
