/**
 * Data links of the plotted (aligned) frame, as Grafana's core GraphNG sets them up: uPlot draws one frame joined
 * from all series frames, so each series field gets `getLinks` again over its own frame with the joined values
 * (the time field first), and a row index of the joined frame — what the tooltip hovers — finds the right time and
 * value. Links are interpolated with the panel's `replaceVariables`, so `${__value.time}`, `${__value.raw}`,
 * `${__url_time_range}` and the dashboard's variables resolve. Fields without links are left as they are.
 */
import {
  getLinksSupplier,
  type DataFrame,
  type Field,
  type InterpolateFunction,
  type LinkModel,
  type TimeZone,
} from '@grafana/data';

/** The aligned frame with link suppliers bound to it (the same frame when no field has links). */
export function withAlignedDataLinks(
  aligned: DataFrame,
  frames: DataFrame[],
  replaceVariables: InterpolateFunction,
  timeZone: TimeZone
): DataFrame {
  if (!aligned.fields.some((f) => (f.config.links?.length ?? 0) > 0)) {
    return aligned;
  }
  const fields: Field[] = aligned.fields.map((f) => ({ ...f }));
  const linkFrames = frames.map((frame, frameIndex) => ({
    ...frame,
    fields: fields.filter((f, i) => i === 0 || f.state?.origin?.frameIndex === frameIndex),
    length: aligned.length,
  }));
  linkFrames.forEach((linkFrame, frameIndex) => {
    for (const field of linkFrame.fields) {
      if (!field.config.links?.length) {
        continue;
      }
      const scopedVars = {
        ...field.state?.scopedVars,
        __dataContext: { value: { data: linkFrames, field, frame: linkFrame, frameIndex } },
      };
      field.getLinks = getLinksSupplier(linkFrame, field, scopedVars, replaceVariables, timeZone);
    }
  });
  return { ...aligned, fields };
}

/** The links of series `seriesIdx` at row `dataIdx` of the aligned frame (TooltipPlugin2's `getDataLinks`). */
export function alignedDataLinks(aligned: DataFrame, seriesIdx: number, dataIdx: number): LinkModel[] {
  const field = aligned.fields[seriesIdx];
  return field?.getLinks ? field.getLinks({ valueRowIndex: dataIdx }) : [];
}
