import { ApiError } from './apiError';
import { parseProfileTypeId } from './profileTypeId';
import { mergedPprofJson, type ProfileJson } from './pprofMerge';
import { requireProfileType, selectSeries, validateRange, type MergeRequest, type QueryContext } from './querier';

/**
 * The pprof answer of Grafana Pyroscope's querier (`SelectMergeProfile`, and `SelectMergeStacktraces` with
 * `PROFILE_FORMAT_PPROF` since 2.2; both run the same code upstream, `selectMergeStacktracesPprof` in
 * `pkg/frontend/readpath/queryfrontend/query_select_merge_profile.go`): the matching profiles in range merged with
 * their locations and lines, not truncated (`max_nodes` is off for pprof answers unless a tenant limit turns it on),
 * sample type and period type from the profile type id, `time_nanos` the range's end. A range older than the
 * lookback limit answers an empty Profile (`{}`).
 */
export function mergedPprof(ctx: QueryContext, req: MergeRequest & { callSite: string[] }): ProfileJson {
  const range = validateRange(ctx, req.start, req.end);
  if (range.empty) {
    return {};
  }
  requireProfileType(req.profileTypeId);
  if (req.callSite.length > 0) {
    throw new ApiError(
      'unimplemented',
      'the Flamelens test server does not filter pprof answers by stackTraceSelector'
    );
  }
  const type = parseProfileTypeId(req.profileTypeId);
  const series = selectSeries(ctx, req.profileTypeId, req.labelSelector);
  const { parts } = ctx.store.accumulate(series, range.start, range.end);
  return mergedPprofJson(ctx.store.frames, parts, {
    sampleType: { type: type?.sampleType ?? '', unit: type?.sampleUnit ?? '' },
    ...(type?.periodType || type?.periodUnit ? { periodType: { type: type.periodType, unit: type.periodUnit } } : {}),
    timeNanos: BigInt(Math.round(range.end)) * BigInt(1_000_000),
  });
}
