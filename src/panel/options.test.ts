import { PanelOptionsEditorBuilder, standardEditorsRegistry, type StandardEditorsRegistryItem } from '@grafana/data';

import { FrameFiltersEditor } from './components/FrameFiltersEditor';
import { addPanelOptions, DEFAULT_OPTIONS, type FlameGraphOptions } from './options';

/** Every option, by key: adding an option to the interface without registering it fails this test. */
const ALL_KEYS: Record<keyof FlameGraphOptions, true> = {
  view: true,
  orientation: true,
  colorScheme: true,
  diffPalette: true,
  textAlign: true,
  showTimeline: true,
  collapseChains: true,
  maxTableRows: true,
  frameFilters: true,
};

// Grafana fills the editor registry at boot; the builder only looks editors up by id.
beforeAll(() => {
  standardEditorsRegistry.setInit(() =>
    ['radio', 'boolean', 'number'].map((id): StandardEditorsRegistryItem => ({ id, name: id, editor: () => null }))
  );
});

function items() {
  const builder = new PanelOptionsEditorBuilder<FlameGraphOptions>();
  addPanelOptions(builder);
  return builder.getItems();
}

describe('addPanelOptions', () => {
  it('edits the frame filters with their own editor', () => {
    const item = items().find((i) => i.path === 'frameFilters');
    expect(item?.editor).toBe(FrameFiltersEditor);
  });

  it('registers every option once', () => {
    expect(
      items()
        .map((i) => i.path)
        .sort()
    ).toEqual(Object.keys(ALL_KEYS).sort());
  });

  it('gives every option a name, a description and its default', () => {
    for (const item of items()) {
      expect(item.name).toBeTruthy();
      expect(item.description).toMatch(/\w{3,}/);
      expect(item.defaultValue).toEqual(DEFAULT_OPTIONS[item.path as keyof FlameGraphOptions]);
    }
  });

  it('uses radio buttons for choices, switches for booleans, with the default among the choices', () => {
    // Frame filters have their own editor (FrameFiltersEditor.test.tsx).
    for (const item of items().filter((i) => i.path !== 'frameFilters')) {
      const expected =
        typeof item.defaultValue === 'string' ? 'radio' : typeof item.defaultValue === 'boolean' ? 'boolean' : 'number';
      expect(item.editor).toBe(standardEditorsRegistry.get(expected).editor);
      if (expected === 'radio') {
        const options = (item.settings as { options: Array<{ value: unknown }> }).options;
        expect(options.map((o) => o.value)).toContain(item.defaultValue);
      }
    }
  });
});
