import React from 'react';
import { render, screen } from '@testing-library/react';
import { locationUtil, type GrafanaConfig } from '@grafana/data';

import { AppConfig, type AppConfigProps } from './AppConfig';

/** Grafana's boot sets the sub-path locationUtil prefixes links with; the tests set it the same way. */
function servedUnder(appSubUrl: string): void {
  locationUtil.initialize({
    config: { appSubUrl } as GrafanaConfig,
    getTimeRangeForUrl: () => ({ from: 'now-6h', to: 'now' }),
    getVariablesUrlParams: () => ({}),
  });
}

describe('AppConfig', () => {
  afterEach(() => servedUnder(''));

  it("says what the package contains and links to Grafana's Add data source page", () => {
    servedUnder('');
    render(<AppConfig {...({} as AppConfigProps)} />);
    expect(screen.getByText('Flamelens Pyroscope')).toBeInTheDocument();
    expect(screen.getByText('Flamelens flame graph')).toBeInTheDocument();
    expect(screen.getByText('flamelens-pyroscope-datasource')).toBeInTheDocument();
    const link = screen.getByTestId('flamelens-add-datasource');
    expect(link.getAttribute('href')).toBe('/connections/datasources/new');
  });

  it('keeps Grafana’s sub-path in the links when Grafana is served under one', () => {
    servedUnder('/grafana');
    render(<AppConfig {...({} as AppConfigProps)} />);
    expect(screen.getByTestId('flamelens-add-datasource').getAttribute('href')).toBe(
      '/grafana/connections/datasources/new'
    );
    expect(screen.getByRole('link', { name: 'Your data sources' }).getAttribute('href')).toBe(
      '/grafana/connections/datasources'
    );
  });
});
