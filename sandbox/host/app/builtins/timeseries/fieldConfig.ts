/**
 * The time series panel's custom field options with Grafana's defaults (`defaultGraphConfig` and the core panel's
 * `getGraphFieldConfig`), so `applyFieldOverrides` fills `field.config.custom` the way uPlot's config builder
 * expects. Axis, stacking and hide options come from @grafana/ui's `commonOptionsBuilder`, as in Grafana; options
 * Grafana edits with editors of its own (line style, null handling, thresholds style) have their defaults and no
 * editor here.
 */
import {
  FieldType,
  identityOverrideProcessor,
  type FieldConfigEditorBuilder,
  type SetFieldConfigOptionsArgs,
} from '@grafana/data';
import {
  AxisColorMode,
  AxisPlacement,
  BarAlignment,
  GraphDrawStyle,
  GraphGradientMode,
  GraphThresholdsStyleMode,
  LineInterpolation,
  StackingMode,
  VisibilityMode,
  type GraphFieldConfig,
} from '@grafana/schema';
import { commonOptionsBuilder, graphFieldOptions } from '@grafana/ui';

/** Grafana's `defaultGraphConfig`. */
export const defaultGraphConfig: GraphFieldConfig = {
  drawStyle: GraphDrawStyle.Line,
  lineInterpolation: LineInterpolation.Linear,
  lineWidth: 1,
  fillOpacity: 0,
  gradientMode: GraphGradientMode.None,
  barAlignment: BarAlignment.Center,
  barWidthFactor: 0.6,
  stacking: { mode: StackingMode.None, group: 'A' },
  axisPlacement: AxisPlacement.Auto,
  axisCenteredZero: false,
  axisColorMode: AxisColorMode.Text,
  axisBorderShow: false,
};

const NoEditor = () => null;

const isNumber = (field: { type: FieldType }) => field.type === FieldType.number;

function addCustomOptions(builder: FieldConfigEditorBuilder<GraphFieldConfig>): void {
  const category = ['Graph styles'];
  const cfg = defaultGraphConfig;
  builder
    .addRadio({
      path: 'drawStyle',
      name: 'Style',
      category,
      defaultValue: cfg.drawStyle,
      settings: { options: graphFieldOptions.drawStyle },
    })
    .addRadio({
      path: 'lineInterpolation',
      name: 'Line interpolation',
      category,
      defaultValue: cfg.lineInterpolation,
      settings: { options: graphFieldOptions.lineInterpolation },
      showIf: (c) => c.drawStyle === GraphDrawStyle.Line,
    })
    .addRadio({
      path: 'barAlignment',
      name: 'Bar alignment',
      category,
      defaultValue: cfg.barAlignment,
      settings: { options: graphFieldOptions.barAlignment },
      showIf: (c) => c.drawStyle === GraphDrawStyle.Bars,
    })
    .addSliderInput({
      path: 'barWidthFactor',
      name: 'Bar width factor',
      category,
      defaultValue: cfg.barWidthFactor,
      settings: { min: 0.1, max: 1, step: 0.1 },
      showIf: (c) => c.drawStyle === GraphDrawStyle.Bars,
    })
    .addSliderInput({
      path: 'lineWidth',
      name: 'Line width',
      category,
      defaultValue: cfg.lineWidth,
      settings: { min: 0, max: 10, step: 1, ariaLabelForHandle: 'Line width' },
      showIf: (c) => c.drawStyle !== GraphDrawStyle.Points,
    })
    .addSliderInput({
      path: 'fillOpacity',
      name: 'Fill opacity',
      category,
      defaultValue: cfg.fillOpacity,
      settings: { min: 0, max: 100, step: 1, ariaLabelForHandle: 'Fill opacity' },
      showIf: (c) => c.drawStyle !== GraphDrawStyle.Points,
    })
    .addRadio({
      path: 'gradientMode',
      name: 'Gradient mode',
      category,
      defaultValue: cfg.gradientMode,
      settings: { options: graphFieldOptions.fillGradient },
      showIf: (c) => c.drawStyle !== GraphDrawStyle.Points,
    })
    .addRadio({
      path: 'showPoints',
      name: 'Show points',
      category,
      defaultValue: VisibilityMode.Auto,
      settings: { options: graphFieldOptions.showPoints },
      showIf: (c) => c.drawStyle !== GraphDrawStyle.Points,
    })
    .addSliderInput({
      path: 'pointSize',
      name: 'Point size',
      category,
      defaultValue: 5,
      settings: { min: 1, max: 40, step: 1, ariaLabelForHandle: 'Point size' },
      showIf: (c) => c.showPoints !== VisibilityMode.Never || c.drawStyle === GraphDrawStyle.Points,
    });
  const withoutEditor: Array<[string, string, unknown]> = [
    ['lineStyle', 'Line style', { fill: 'solid' }],
    ['spanNulls', 'Connect null values', false],
    ['insertNulls', 'Disconnect values', false],
    ['thresholdsStyle', 'Show thresholds', { mode: GraphThresholdsStyleMode.Off }],
  ];
  for (const [id, name, defaultValue] of withoutEditor) {
    builder.addCustomEditor({
      id,
      path: id,
      name,
      category,
      defaultValue,
      editor: NoEditor,
      override: NoEditor,
      process: identityOverrideProcessor,
      shouldApply: isNumber,
    });
  }
  commonOptionsBuilder.addStackingConfig(builder, cfg.stacking);
  commonOptionsBuilder.addAxisConfig(builder, cfg);
  commonOptionsBuilder.addHideFrom(builder);
}

/** `useFieldConfig` argument of the time series panel. */
export const timeSeriesFieldConfig: SetFieldConfigOptionsArgs<GraphFieldConfig> = {
  standardOptions: {
    color: { defaultValue: { mode: 'palette-classic' } },
  },
  useCustomConfig: addCustomOptions,
};
