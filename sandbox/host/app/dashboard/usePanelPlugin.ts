import { useEffect, useState } from 'react';
import type { PanelPlugin } from '@grafana/data';

import { loadPanelPlugin } from '../runtime/plugins';

export interface PanelPluginState {
  plugin?: PanelPlugin;
  error?: string;
}

/** Loads the panel plugin of a type; a failure is kept as a message for the panel to show. */
export function usePanelPlugin(type: string | undefined): PanelPluginState {
  const [state, setState] = useState<PanelPluginState & { type?: string }>({});
  useEffect(() => {
    let cancelled = false;
    if (!type) {
      return;
    }
    loadPanelPlugin(type).then(
      (plugin) => !cancelled && setState({ type, plugin }),
      (err: unknown) =>
        !cancelled &&
        setState({
          type,
          error: `Panel plugin "${type}" failed to load: ${err instanceof Error ? err.message : String(err)}`,
        })
    );
    return () => {
      cancelled = true;
    };
  }, [type]);
  if (!type) {
    return { error: 'The panel has no type' };
  }
  return state.type === type ? state : {};
}
