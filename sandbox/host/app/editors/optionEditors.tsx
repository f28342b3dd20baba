/**
 * The option editors the panel editor renders, registered in `standardEditorsRegistry` under the ids Grafana uses
 * (its `getAllOptionEditors`): `PanelOptionsEditorBuilder.addRadio()` and friends look editors up by these ids when a
 * plugin's option supplier runs, so they must be registered before any supplier runs.
 *
 * Not provided (Grafana's need its server or its field-config UI): `dashboard-uid`, `fieldColor`, `mappings`,
 * `thresholds`, `actions`.
 */
import type { ComponentType } from 'react';
import { standardEditorsRegistry, type StandardEditorProps, type StandardEditorsRegistryItem } from '@grafana/data';

import { BooleanEditor, NumberEditor, RadioEditor, SliderEditor, StringArrayEditor, TextEditor } from './basicEditors';
import { ColorEditor, LinksEditor, StatsPickerEditor, TimeZoneEditor, UnitEditor } from './pickerEditors';
import { FieldNameEditor, MultiSelectEditor, SelectEditor } from './selectEditors';

/** A registry entry; the registry holds editors of every value type (typed `any` there, as in Grafana). */
function item<V, S>(
  id: string,
  name: string,
  description: string,
  editor: ComponentType<StandardEditorProps<V, S>>
): StandardEditorsRegistryItem {
  const entry: StandardEditorsRegistryItem<V, S> = { id, name, description, editor };
  return entry;
}

let editors: StandardEditorsRegistryItem[] | undefined;

/** Every editor this host provides, created once (so registering twice registers the same objects). */
export function getOptionEditors(): StandardEditorsRegistryItem[] {
  editors ??= [
    item('text', 'Text', 'Allows string values input', TextEditor),
    item('number', 'Number', 'Allows numeric values input', NumberEditor),
    item('slider', 'Slider', 'Allows numeric values input', SliderEditor),
    item('boolean', 'Boolean', 'Allows boolean values input', BooleanEditor),
    item('radio', 'Radio', 'Allows option selection', RadioEditor),
    item('select', 'Select', 'Allows option selection', SelectEditor),
    item('unit', 'Unit', 'Allows unit input', UnitEditor),
    item('links', 'Links', 'Allows defining data links', LinksEditor),
    item('stats-picker', 'Stats Picker', '', StatsPickerEditor),
    item('strings', 'String array', 'An array of strings', StringArrayEditor),
    item('timezone', 'Time zone', 'Time zone selection', TimeZoneEditor),
    item('color', 'Color', 'Allows color selection', ColorEditor),
    item('multi-select', 'Multi select', 'Allows for multiple option selection', MultiSelectEditor),
    item('field-name', 'Field name', 'Allows selecting a field name from a data frame', FieldNameEditor),
  ];
  return editors;
}

/**
 * Registers the editors in `standardEditorsRegistry`, as Grafana does at start-up. Idempotent. When the registry is
 * already initialised (something looked an editor up first, or registered placeholders), missing ids are added and
 * an entry registered earlier under one of these ids takes this host's editor, so builders created afterwards get
 * real editors.
 */
export function registerOptionEditors(): void {
  const list = getOptionEditors();
  try {
    standardEditorsRegistry.setInit(() => list);
    return;
  } catch (err) {
    // setInit throws once the registry has initialised; then update it in place below.
    if (!(err instanceof Error && /already initialized/i.test(err.message))) {
      throw err;
    }
  }
  for (const editor of list) {
    const existing = standardEditorsRegistry.getIfExists(editor.id);
    if (!existing) {
      standardEditorsRegistry.register(editor);
    } else if (existing !== editor) {
      // The registry has no replace: update the registered entry, which every lookup returns.
      Object.assign(existing, editor);
    }
  }
}
