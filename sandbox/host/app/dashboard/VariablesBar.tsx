/**
 * The dashboard's variable pickers (Grafana's "submenu"): a select (multi-select for multi-value variables, with
 * "All" when included) for query, custom, datasource and interval variables, a text box for textbox variables;
 * constants and hidden variables are not shown, `hide: 1` hides the label. A loading or failed variable says so.
 */
import React, { useState, type ChangeEvent, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Icon, InlineLabel, Input, MultiSelect, Select, Spinner, Tooltip, useStyles2 } from '@grafana/ui';

import { ALL_VARIABLE_TEXT, ALL_VARIABLE_VALUE } from '../runtime/templateSrv';
import type { DashboardVariables } from './variables/DashboardVariables';
import type { VariableState } from './variables/state';

const HIDE_LABEL = 1;
const HIDE_VARIABLE = 2;

export interface VariablesBarProps {
  states: VariableState[];
  variables: DashboardVariables;
  /** Controls shown after the variables (the annotation toggles). */
  children?: ReactNode;
}

export function VariablesBar({ states, variables, children }: VariablesBarProps) {
  const styles = useStyles2(getStyles);
  const visible = states.filter((s) => s.type !== 'constant' && (s.model.hide ?? 0) !== HIDE_VARIABLE);
  if (visible.length === 0 && !children) {
    return null;
  }
  return (
    <div className={styles.bar} data-testid="variables-bar">
      {visible.map((state) => (
        <div key={state.name} className={styles.item} data-testid={`variable-${state.name}`}>
          {(state.model.hide ?? 0) !== HIDE_LABEL && (
            <InlineLabel width="auto" className={styles.label} htmlFor={`var-${state.name}`}>
              {state.model.label || state.name}
            </InlineLabel>
          )}
          <VariableControl state={state} onChange={(value) => variables.setValue(state.name, value)} />
          {state.loading && <Spinner inline={true} />}
          {state.error && (
            <Tooltip content={state.error}>
              <span role="img" aria-label={state.error} className={styles.error}>
                <Icon name="exclamation-triangle" />
              </span>
            </Tooltip>
          )}
        </div>
      ))}
      {children}
    </div>
  );
}

interface ControlProps {
  state: VariableState;
  onChange: (value: string | string[]) => void;
}

function VariableControl({ state, onChange }: ControlProps) {
  if (state.type === 'textbox') {
    // Keyed by the value: a new value from elsewhere (URL, back) starts a fresh edit.
    const current = Array.isArray(state.value) ? state.value.join(',') : state.value;
    return <TextboxControl key={current} state={state} onChange={onChange} />;
  }
  const options: Array<SelectableValue<string>> = [
    ...(state.includeAll ? [{ label: ALL_VARIABLE_TEXT, value: ALL_VARIABLE_VALUE }] : []),
    ...state.options.map((o) => ({ label: o.label, value: o.value })),
  ];
  const values = Array.isArray(state.value) ? state.value : [state.value];
  // A value that is not an option (from the URL, or while options load) is still shown.
  for (const value of values) {
    if (value !== '' && !options.some((o) => o.value === value)) {
      options.push({ label: value, value });
    }
  }
  if (state.multi) {
    return (
      <MultiSelect
        inputId={`var-${state.name}`}
        width="auto"
        options={options}
        value={options.filter((o) => values.includes(o.value ?? ''))}
        onChange={(selected: Array<SelectableValue<string>>) => onChange(selected.map((s) => s.value ?? ''))}
      />
    );
  }
  return (
    <Select
      inputId={`var-${state.name}`}
      width="auto"
      options={options}
      // An empty value (no options) shows as empty, not as the last value the select displayed.
      value={options.find((o) => o.value === values[0]) ?? null}
      onChange={(selected: SelectableValue<string>) => onChange(selected.value ?? '')}
    />
  );
}

function TextboxControl({ state, onChange }: ControlProps) {
  const current = Array.isArray(state.value) ? state.value.join(',') : state.value;
  const [text, setText] = useState(current);
  const commit = () => {
    if (text !== current) {
      onChange(text);
    }
  };
  return (
    <Input
      id={`var-${state.name}`}
      width={20}
      value={text}
      onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), marginBottom: theme.spacing(1) }),
  item: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  label: css({ marginRight: 0 }),
  error: css({ color: theme.colors.error.text }),
});
