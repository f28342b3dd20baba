/**
 * The panel options pane's model, as Grafana builds it (getVisualizationOptions / fillOptionsPaneItems): run the
 * plugin's option supplier into a `PanelOptionsEditorBuilder`, skip items whose `showIf` is false, follow nested
 * option groups, and give each item its value, its change handler and its category.
 */
import {
  getPanelOptionsWithDefaults,
  PanelOptionsEditorBuilder,
  type FieldConfigSource,
  type PanelOptionsEditorItem,
  type PanelPlugin,
  type StandardEditorContext,
} from '@grafana/data';
import type { Panel } from '@grafana/schema';

/** What `PanelPlugin.setPanelOptions` takes (not exported by name from @grafana/data). */
export type PanelOptionsSupplier = ReturnType<PanelPlugin['getPanelOptionsSupplier']>;

type Options = Record<string, unknown>;

/** One option as the pane renders it. */
export interface OptionEntry {
  /** The DOM id of the editor's control (and of its label's `for`), as Grafana builds it. */
  htmlId: string;
  /** The first category name, or the plugin's name for items without one. */
  category: string;
  item: PanelOptionsEditorItem;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** Reads and writes option values by path (Grafana's NestedValueAccess). */
export interface ValueAccess {
  getValue: (path: string) => unknown;
  onChange: (path: string, value: unknown) => void;
  getContext?: (parent: StandardEditorContext<unknown>) => StandardEditorContext<unknown>;
}

/** The value at a dotted path (`a.b.c`), or undefined when a step is missing. */
export function getOption(options: unknown, path: string): unknown {
  let node: unknown = options;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) {
      return undefined;
    }
    node = (node as Options)[key];
  }
  return node;
}

/** A copy of `options` with `value` at the dotted `path`; objects along the path are copied, the rest shared. */
export function setOptionImmutably<T extends object>(options: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  const copy = { ...(options as Options) };
  if (rest.length === 0) {
    copy[key] = value;
  } else {
    const child = copy[key];
    copy[key] = setOptionImmutably(typeof child === 'object' && child !== null ? child : {}, rest.join('.'), value);
  }
  return copy as T;
}

/** Access to the top-level options object: a change hands the whole new object to `onOptionsChange`. */
export function rootAccess(options: Options, onOptionsChange: (next: Options) => void): ValueAccess {
  return {
    getValue: (path) => getOption(options, path),
    onChange: (path, value) => onOptionsChange(setOptionImmutably(options, path, value)),
  };
}

interface NestedItem {
  path: string;
  category?: string[];
  getBuilder: () => PanelOptionsSupplier;
  getNestedValueAccess: (parent: ValueAccess) => ValueAccess;
}

function isNested(item: unknown): item is NestedItem {
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof (item as Partial<NestedItem>).getBuilder === 'function' &&
    typeof (item as Partial<NestedItem>).getNestedValueAccess === 'function'
  );
}

/**
 * The visible options of a supplier, in builder order. `context.options` must be the current options (showIf reads
 * them); `defaultCategory` names items without a category (Grafana uses the plugin's name).
 */
export function buildOptionEntries(
  supplier: PanelOptionsSupplier,
  access: ValueAccess,
  context: StandardEditorContext<unknown>,
  defaultCategory: string,
  idPrefix = ''
): OptionEntry[] {
  const builder = new PanelOptionsEditorBuilder<unknown>();
  supplier(builder, context);
  const entries: OptionEntry[] = [];
  for (const item of builder.getItems()) {
    if (item.showIf && !item.showIf(context.options, context.data, context.annotations)) {
      continue;
    }
    const htmlId = idPrefix ? `${idPrefix}-${item.id}` : item.id;
    const category = item.category?.[0] ?? defaultCategory;
    if (isNested(item)) {
      const sub = item.getNestedValueAccess(access);
      const subContext = sub.getContext ? sub.getContext(context) : { ...context, options: access.getValue(item.path) };
      entries.push(...buildOptionEntries(item.getBuilder(), sub, subContext, category, htmlId));
      continue;
    }
    entries.push({
      htmlId,
      category,
      item,
      value: access.getValue(item.path),
      onChange: (value) => access.onChange(item.path, value),
    });
  }
  return entries;
}

/** Entries grouped by category, categories in the order they first appear (as Grafana lists them). */
export function groupByCategory(entries: OptionEntry[]): Array<{ title: string; entries: OptionEntry[] }> {
  const groups = new Map<string, OptionEntry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.category);
    if (list) {
      list.push(entry);
    } else {
      groups.set(entry.category, [entry]);
    }
  }
  return [...groups].map(([title, list]) => ({ title, entries: list }));
}

const EMPTY_FIELD_CONFIG: FieldConfigSource = { defaults: {}, overrides: [] };

/** The panel's options and field config with the plugin's defaults filled in, as Grafana does on load. */
export function withPluginDefaults(
  plugin: PanelPlugin,
  options: Panel['options'],
  fieldConfig: Panel['fieldConfig']
): { options: Options; fieldConfig: NonNullable<Panel['fieldConfig']> } {
  const filled = getPanelOptionsWithDefaults({
    plugin,
    currentOptions: options ?? {},
    // The dashboard schema and @grafana/data describe the same JSON with different override types.
    currentFieldConfig: (fieldConfig as FieldConfigSource | undefined) ?? EMPTY_FIELD_CONFIG,
    isAfterPluginChange: false,
  });
  return { options: filled.options, fieldConfig: filled.fieldConfig as NonNullable<Panel['fieldConfig']> };
}
