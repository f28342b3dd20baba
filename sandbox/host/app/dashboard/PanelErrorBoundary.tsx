import React, { Component, type ReactNode } from 'react';
import { Alert } from '@grafana/ui';

interface Props {
  /** Changing it clears a caught error (new data or options may render fine). */
  resetKey: unknown;
  children: ReactNode;
}

interface State {
  error?: Error;
  resetKey: unknown;
}

/** Catches a panel component's render errors and shows the error inside the panel, as Grafana does. */
export class PanelErrorBoundary extends Component<Props, State> {
  state: State = { resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: undefined, resetKey: props.resetKey } : null;
  }

  render() {
    const { error } = this.state;
    if (error) {
      return (
        <Alert severity="error" title="The panel crashed while rendering" data-testid="panel-render-error">
          {error.message}
        </Alert>
      );
    }
    return this.props.children;
  }
}
