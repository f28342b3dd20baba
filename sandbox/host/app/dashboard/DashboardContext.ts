import { createContext, useContext } from 'react';
import type { EventBus } from '@grafana/data';

import type { DashboardSession, SessionState } from './DashboardSession';

/** The open dashboard, for the panels inside it (absent when a panel is rendered on its own). */
export interface DashboardContextValue {
  session: DashboardSession;
  state: SessionState;
  /** The dashboard's event bus: panels share hover and crosshair events through it. */
  eventBus: EventBus;
}

export const DashboardContext = createContext<DashboardContextValue | undefined>(undefined);

export function useDashboardContext(): DashboardContextValue | undefined {
  return useContext(DashboardContext);
}
