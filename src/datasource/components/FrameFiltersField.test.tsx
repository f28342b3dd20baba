import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import type { ProfileQuery } from '../types';
import { FrameFiltersField, filterFieldProblems } from './FrameFiltersField';

describe('filterFieldProblems', () => {
  it('accepts a valid list and variable references', () => {
    expect(filterFieldProblems('')).toEqual([]);
    expect(filterFieldProblems('preset:go;hide:re:^runtime\\.;focus:exact:main.work')).toEqual([]);
    expect(filterFieldProblems('$filters')).toEqual([]);
    expect(filterFieldProblems('preset:node; ${more}')).toEqual([]);
  });

  it('names unreadable entries and patterns Go rejects', () => {
    expect(filterFieldProblems('preset:cobol;hide:re:(?=x)')).toEqual([
      'filter 1 "preset:cobol": unknown preset "cobol": expected one of go, node, jvm, python, dotnet',
      expect.stringContaining('invalid pattern "(?=x)": invalid or unsupported Perl syntax'),
    ]);
  });
});

describe('FrameFiltersField', () => {
  it('saves as typed, runs on blur, and shows what is wrong', () => {
    const onChange = jest.fn();
    const onRunQuery = jest.fn();
    const query: ProfileQuery = { refId: 'A', frameFilters: 'hide:re:(' };
    render(<FrameFiltersField query={query} onChange={onChange} onRunQuery={onRunQuery} />);
    const input = screen.getByLabelText(/Frame filters/);
    expect(screen.getByText(/invalid pattern "\(": missing closing \)/)).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '$filters' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', frameFilters: '$filters' });
    fireEvent.blur(input);
    expect(onRunQuery).toHaveBeenCalled();
  });
});
