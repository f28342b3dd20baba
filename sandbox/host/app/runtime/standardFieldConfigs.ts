/**
 * Grafana's standard field options (unit, min, max, decimals, display name, color scheme, no value, links, value
 * mappings, thresholds), registered in `standardFieldConfigEditorRegistry` at start-up as Grafana does
 * (`getAllStandardFieldConfigs`). `applyFieldOverrides` applies a panel's `fieldConfig.defaults` only for options in
 * this registry, so without it `unit` or `min` of a dashboard would be ignored. Editors come from
 * `standardEditorsRegistry`; ids nobody registered get an editor that renders nothing, so option builders never
 * throw on a missing id.
 */
import type { ComponentType } from 'react';
import {
  FieldType,
  ThresholdsMode,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type StandardEditorsRegistryItem,
} from '@grafana/data';

/** Every editor id Grafana registers (`getAllOptionEditors`). */
export const GRAFANA_EDITOR_IDS = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'unit',
  'links',
  'stats-picker',
  'strings',
  'timezone',
  'fieldColor',
  'color',
  'multi-select',
  'field-name',
  'dashboard-uid',
  'mappings',
  'thresholds',
] as const;

const NoEditor: ComponentType = () => null;

/** Registers an empty editor for every Grafana editor id that is still missing. */
export function ensureEditorIds(): void {
  for (const id of GRAFANA_EDITOR_IDS) {
    if (!standardEditorsRegistry.getIfExists(id)) {
      standardEditorsRegistry.register({ id, name: id, editor: NoEditor } as StandardEditorsRegistryItem);
    }
  }
}

// The registry stores items of many value types; this is where their types are erased, as in Grafana's registry.
type AnyItem = FieldConfigPropertyItem<object, unknown, object>;

function editorOf(id: string): AnyItem['editor'] {
  return (standardEditorsRegistry.getIfExists(id)?.editor ?? NoEditor) as AnyItem['editor'];
}

function standardFieldConfigs(): AnyItem[] {
  const category = ['Standard options'];
  const item = (
    id: string,
    editorId: string,
    process: AnyItem['process'],
    rest: Partial<AnyItem> & { name: string }
  ): AnyItem => ({
    id,
    path: id,
    editor: editorOf(editorId),
    override: editorOf(editorId) as AnyItem['override'],
    process,
    shouldApply: () => true,
    category,
    ...rest,
  });
  const isNumber = (field: { type: FieldType }) => field.type === FieldType.number;
  return [
    item('unit', 'unit', stringOverrideProcessor as AnyItem['process'], {
      name: 'Unit',
      settings: { placeholder: 'none' },
    }),
    item('min', 'number', numberOverrideProcessor as AnyItem['process'], {
      name: 'Min',
      description: 'Leave empty to calculate based on all values',
      settings: { placeholder: 'auto' },
      shouldApply: isNumber,
    }),
    item('max', 'number', numberOverrideProcessor as AnyItem['process'], {
      name: 'Max',
      description: 'Leave empty to calculate based on all values',
      settings: { placeholder: 'auto' },
      shouldApply: isNumber,
    }),
    item('decimals', 'number', numberOverrideProcessor as AnyItem['process'], {
      name: 'Decimals',
      settings: { placeholder: 'auto', min: 0, max: 15, integer: true },
      shouldApply: isNumber,
    }),
    item('displayName', 'text', displayNameOverrideProcessor as AnyItem['process'], {
      name: 'Display name',
      description: 'Change the field or series name',
      settings: { placeholder: 'none', expandTemplateVars: true },
    }),
    item('color', 'fieldColor', identityOverrideProcessor as AnyItem['process'], {
      name: 'Color scheme',
      settings: { byValueSupport: true, preferThresholdsMode: true },
    }),
    item('noValue', 'text', stringOverrideProcessor as AnyItem['process'], {
      name: 'No value',
      description: 'What to show when there is no value',
      settings: { placeholder: '-' },
    }),
    item('links', 'links', dataLinksOverrideProcessor as AnyItem['process'], {
      name: 'Data links',
      settings: { placeholder: '-' },
      category: ['Data links'],
    }),
    item('mappings', 'mappings', valueMappingsOverrideProcessor as AnyItem['process'], {
      name: 'Value mappings',
      description: 'Modify the display text based on input value',
      settings: {},
      defaultValue: [],
      shouldApply: (field) => field.type !== FieldType.time,
      category: ['Value mappings'],
    }),
    item('thresholds', 'thresholds', thresholdsOverrideProcessor as AnyItem['process'], {
      name: 'Thresholds',
      settings: {},
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
      category: ['Thresholds'],
    }),
  ];
}

let registered = false;

/** Registers the standard field options (after the option editors, whose components they use). Idempotent. */
export function registerStandardFieldConfigs(): void {
  if (registered) {
    return;
  }
  ensureEditorIds();
  const items = standardFieldConfigs();
  try {
    standardFieldConfigEditorRegistry.setInit(() => items);
  } catch {
    // Already initialised by an earlier lookup: add what is missing.
    for (const item of items) {
      if (!standardFieldConfigEditorRegistry.getIfExists(item.id)) {
        standardFieldConfigEditorRegistry.register(item);
      }
    }
  }
  registered = true;
}
