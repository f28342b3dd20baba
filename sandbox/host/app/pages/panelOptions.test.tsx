import { PanelPlugin, type StandardEditorContext } from '@grafana/data';

import { registerOptionEditors } from '../editors/optionEditors';
import {
  buildOptionEntries,
  getOption,
  groupByCategory,
  rootAccess,
  setOptionImmutably,
  withPluginDefaults,
  type PanelOptionsSupplier,
} from './panelOptions';

interface Opts {
  mode: string;
  limit?: number;
  legend: { show: boolean; placement: string };
}

const supplier: PanelOptionsSupplier = (builder) => {
  builder
    .addRadio({
      path: 'mode',
      name: 'Mode',
      category: ['Display'],
      defaultValue: 'a',
      settings: { options: [{ value: 'a' }, { value: 'b' }] },
    })
    .addNumberInput({ path: 'limit', name: 'Limit', showIf: (o: Opts) => o.mode === 'b' })
    .addNestedOptions<Opts['legend']>({
      path: 'legend',
      category: ['Legend'],
      build: (sub) => {
        sub.addBooleanSwitch({ path: 'show', name: 'Show', defaultValue: true });
        sub.addTextInput({ path: 'placement', name: 'Placement', defaultValue: 'bottom' });
      },
    })
    .addTextInput({ path: 'note', name: 'Note' });
};

beforeAll(() => registerOptionEditors());

function entries(options: Record<string, unknown>, onChange = jest.fn()) {
  const context: StandardEditorContext<unknown> = { data: [], options };
  return { list: buildOptionEntries(supplier, rootAccess(options, onChange), context, 'My panel'), onChange };
}

describe('buildOptionEntries', () => {
  it('lists visible items with their values, ids and categories; items without one get the default category', () => {
    const { list } = entries({ mode: 'a', legend: { show: false, placement: 'right' } });
    expect(list.map((e) => [e.htmlId, e.category, e.value])).toEqual([
      ['mode', 'Display', 'a'],
      // Grafana prefixes nested ids with the nested group's id, which the builder always sets to this.
      ['nested-panel-options-show', 'Legend', false],
      ['nested-panel-options-placement', 'Legend', 'right'],
      ['note', 'My panel', undefined],
    ]);
  });

  it('shows an item once its showIf holds', () => {
    const { list } = entries({ mode: 'b', limit: 5, legend: {} });
    expect(list.find((e) => e.item.path === 'limit')?.value).toBe(5);
  });

  it('hands the whole new options object to onOptionsChange, nested paths included, without mutating', () => {
    const options = { mode: 'a', legend: { show: true, placement: 'bottom' } };
    const { list, onChange } = entries(options);
    list.find((e) => e.htmlId === 'nested-panel-options-show')?.onChange(false);
    expect(onChange).toHaveBeenCalledWith({ mode: 'a', legend: { show: false, placement: 'bottom' } });
    expect(options.legend.show).toBe(true);
  });
});

it('groupByCategory keeps the order in which categories first appear', () => {
  const { list } = entries({ mode: 'a', legend: {} });
  expect(groupByCategory(list).map((g) => [g.title, g.entries.length])).toEqual([
    ['Display', 1],
    ['Legend', 2],
    ['My panel', 1],
  ]);
});

it('getOption and setOptionImmutably follow dotted paths and create missing objects', () => {
  const base = { a: { b: 1 }, keep: [1] };
  const next = setOptionImmutably(base, 'a.c.d', 2);
  expect(next).toEqual({ a: { b: 1, c: { d: 2 } }, keep: [1] });
  expect(next.keep).toBe(base.keep);
  expect(getOption(next, 'a.c.d')).toBe(2);
  expect(getOption(next, 'a.x.y')).toBeUndefined();
});

it('withPluginDefaults fills missing options (nested too) and keeps set ones', () => {
  const plugin = new PanelPlugin(() => null).setPanelOptions(supplier);
  const { options, fieldConfig } = withPluginDefaults(plugin, { mode: 'b', legend: { show: false } }, undefined);
  expect(options).toEqual({ mode: 'b', legend: { show: false, placement: 'bottom' } });
  expect(fieldConfig).toEqual({ defaults: {}, overrides: [] });
});
