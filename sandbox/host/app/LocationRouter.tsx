/**
 * A react-router (v6 API) context over `locationService`'s history, and the location service context, as Grafana
 * provides both for the whole app: @grafana/ui's links, plugins that use react-router and scenes' URL sync navigate
 * through the same history the host listens to.
 */
import React, { useLayoutEffect, useState, type ReactNode } from 'react';
import { LocationServiceProvider, locationService } from '@grafana/runtime';
import { NavigationType, Router, type Location } from 'react-router-dom-v5-compat';

export function LocationRouter({ children }: { children: ReactNode }) {
  const history = locationService.getHistory();
  const [state, setState] = useState<{ location: Location; action: string }>(() => ({
    location: history.location as Location,
    action: history.action,
  }));
  useLayoutEffect(
    () => history.listen((location: Location, action: string) => setState({ location, action })),
    [history]
  );
  return (
    <LocationServiceProvider service={locationService}>
      <Router location={state.location} navigationType={state.action as NavigationType} navigator={history}>
        {children}
      </Router>
    </LocationServiceProvider>
  );
}
