import { PanelOptionsEditorBuilder, standardEditorsRegistry, type StandardEditorsRegistryItem } from '@grafana/data';

import { getOptionEditors, registerOptionEditors } from './optionEditors';

/** The ids Grafana registers (getAllOptionEditors) that this host provides. */
const IDS = [
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
  'color',
  'multi-select',
  'field-name',
];

beforeAll(() => registerOptionEditors());

describe('registerOptionEditors', () => {
  it('registers an editor under every id Grafana uses for the builder methods', () => {
    for (const id of IDS) {
      expect(standardEditorsRegistry.getIfExists(id)?.editor).toBe(getOptionEditors().find((e) => e.id === id)?.editor);
    }
  });

  it('is idempotent: a second call neither throws nor duplicates', () => {
    const before = standardEditorsRegistry.list().length;
    expect(() => registerOptionEditors()).not.toThrow();
    expect(standardEditorsRegistry.list()).toHaveLength(before);
  });

  it('replaces placeholder editors registered under the same id before it ran', () => {
    jest.isolateModules(() => {
      // A fresh registry that something initialised and filled with a placeholder first.
      const data: typeof import('@grafana/data') = require('@grafana/data');
      const fresh: typeof import('./optionEditors') = require('./optionEditors');
      data.standardEditorsRegistry.getIfExists('radio');
      data.standardEditorsRegistry.register({ id: 'radio', name: 'radio', editor: () => null });
      fresh.registerOptionEditors();
      const real = fresh.getOptionEditors().find((e) => e.id === 'radio')?.editor;
      expect(data.standardEditorsRegistry.get('radio').editor).toBe(real);
      expect(data.standardEditorsRegistry.get('field-name').editor).toBeDefined();
    });
  });

  it('lets every builder method of PanelOptionsEditorBuilder find its editor', () => {
    const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
    expect(() =>
      builder
        .addNumberInput({ path: 'a', name: 'A' })
        .addSliderInput({ path: 'b', name: 'B', settings: { min: 0, max: 1 } })
        .addTextInput({ path: 'c', name: 'C' })
        .addStringArray({ path: 'd', name: 'D' })
        .addSelect({ path: 'e', name: 'E', settings: { options: [] } })
        .addMultiSelect({ path: 'f', name: 'F', settings: { options: [] } })
        .addRadio({ path: 'g', name: 'G', settings: { options: [] } })
        .addBooleanSwitch({ path: 'h', name: 'H' })
        .addColorPicker({ path: 'i', name: 'I' })
        .addUnitPicker({ path: 'j', name: 'J' })
        .addFieldNamePicker({ path: 'k', name: 'K' })
        .addTimeZonePicker({ path: 'l', name: 'L' })
    ).not.toThrow();
    expect(builder.getItems().every((i) => typeof i.editor === 'function')).toBe(true);
  });
});

it('every editor in getOptionEditors has a name and an editor component', () => {
  const editors: StandardEditorsRegistryItem[] = getOptionEditors();
  expect(editors.map((e) => e.id).sort()).toEqual([...IDS].sort());
  expect(editors.every((e) => e.name !== '' && typeof e.editor === 'function')).toBe(true);
});
