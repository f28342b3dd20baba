/**
 * Test helpers for the option editors: jsdom stubs that @grafana/ui's Select menus need, and a harness that renders
 * a registered editor the way the options pane does. For tests only.
 */
import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { standardEditorsRegistry, type StandardEditorContext } from '@grafana/data';

/**
 * Browser APIs jsdom lacks that @grafana/ui's Select menus use (IntersectionObserver, for the menu's scroll shadows).
 * Each test file runs in its own jsdom, so this stays local to the file that calls it.
 */
export function stubSelectDom(): void {
  class NoIntersections {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
    takeRecords(): [] {
      return [];
    }
  }
  Object.defineProperty(window, 'IntersectionObserver', { configurable: true, writable: true, value: NoIntersections });
}

const EMPTY_CONTEXT: StandardEditorContext<unknown> = { data: [] };

/**
 * Renders the registered editor `id` the way the options pane does, keeping the value in state, and records every
 * value it reports.
 */
export function renderEditor(
  id: string,
  opts: { value?: unknown; settings?: object; context?: StandardEditorContext<unknown> }
) {
  const Editor = standardEditorsRegistry.get(id).editor;
  const changes: unknown[] = [];
  const item = { id: `opt-${id}`, name: `My ${id}`, settings: opts.settings };
  function Harness() {
    const [value, setValue] = useState<unknown>(opts.value);
    return (
      <Editor
        id={`opt-${id}`}
        value={value}
        item={item}
        context={opts.context ?? EMPTY_CONTEXT}
        onChange={(v: unknown) => {
          changes.push(v);
          setValue(v);
        }}
      />
    );
  }
  const utils = render(<Harness />);
  return { ...utils, changes };
}

/** Opens a @grafana/ui Select (react-select) by its input and picks the option with `label`. */
export async function pick(input: HTMLElement, label: string) {
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  const option = await screen.findByText(label, { selector: '[role="option"] *, [role="option"]' });
  fireEvent.click(option);
}
