import React from 'react';
import { render, screen } from '@testing-library/react';

import { formatShortWindow } from './format';
import { Legend } from './Legend';

const T0 = Date.UTC(2024, 4, 1, 1, 55);
const MIN = 60_000;

describe('Legend', () => {
  it('explains red and green and names both windows', () => {
    render(
      <Legend
        diff
        diffPalette="red-green"
        colorScheme="package"
        baselineLabel={formatShortWindow(T0, T0 + 5 * MIN, 'utc')}
        comparisonLabel={formatShortWindow(T0 + 5 * MIN, T0 + 10 * MIN, 'utc')}
      />
    );
    expect(screen.getByText('Green: shrank')).toBeInTheDocument();
    expect(screen.getByText('Red: grew')).toBeInTheDocument();
    expect(screen.getByText('baseline 01:55–02:00')).toBeInTheDocument();
    expect(screen.getByText('comparison 02:00–02:05')).toBeInTheDocument();
  });

  it('names blue and orange for the colour-blind palette', () => {
    render(<Legend diff diffPalette="colorblind" colorScheme="package" />);
    expect(screen.getByText('Blue: shrank')).toBeInTheDocument();
    expect(screen.getByText('Orange: grew')).toBeInTheDocument();
    expect(screen.queryByText(/baseline/)).toBeNull();
  });

  it('uses the colours it is given', () => {
    render(
      <Legend
        diff
        diffPalette="red-green"
        colorScheme="value"
        colors={{ decrease: 'rgb(0, 0, 255)', neutral: 'rgb(1, 1, 1)', increase: 'rgb(255, 0, 0)' }}
      />
    );
    const swatch = screen.getByText('Red: grew').querySelector('span');
    expect(swatch).toHaveStyle({ background: 'rgb(255, 0, 0)' });
  });

  it('is a short note for single profiles', () => {
    const { rerender } = render(<Legend diff={false} diffPalette="red-green" colorScheme="package" />);
    expect(screen.getByText('Colored by package')).toBeInTheDocument();
    rerender(<Legend diff={false} diffPalette="red-green" colorScheme="value" />);
    expect(screen.getByText('Colored by self value: deeper color, more self')).toBeInTheDocument();
  });
});
