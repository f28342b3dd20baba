import React from 'react';
import { render, screen } from '@testing-library/react';

import { AppConfig, type AppConfigProps } from './AppConfig';

describe('AppConfig', () => {
  it('says what the package contains and links to the datasource setup', () => {
    render(<AppConfig {...({} as AppConfigProps)} />);
    expect(screen.getByText('Flamelens Pyroscope')).toBeInTheDocument();
    expect(screen.getByText('Flamelens flame graph')).toBeInTheDocument();
    expect(screen.getByText('flamelens-pyroscope-datasource')).toBeInTheDocument();
    const link = screen.getByTestId('flamelens-add-datasource');
    expect(link.getAttribute('href')).toBe('/connections/datasources/flamelens-pyroscope-datasource');
  });
});
