import React from 'react';
import { render, screen } from '@testing-library/react';

import { Header } from './Header';
import { refineHeaderText, useRefineHeaderParts } from './refinePart';
import type { RefineStatus } from '../useRefineOnFocus';

/** What the header says for each refine state, and that the part shows in the header line. */

describe('refineHeaderText', () => {
  it('words each state with the frame it is about', () => {
    const callSite = ['main', 'work'];
    expect(refineHeaderText({ kind: 'loading', callSite })).toBe('Loading exact subtree below work…');
    expect(refineHeaderText({ kind: 'refined', callSite, exact: true })).toBe('exact below work');
    expect(refineHeaderText({ kind: 'refined', callSite, exact: true, others: 2 })).toBe(
      'exact below work and 2 more frames'
    );
    expect(refineHeaderText({ kind: 'refined', callSite, exact: false })).toBe(
      'more detail below work, still truncated: raise Max nodes for the rest'
    );
    expect(refineHeaderText({ kind: 'unsupported', reason: 'pyroscope-io cannot fetch exact subtrees' })).toBe(
      'pyroscope-io cannot fetch exact subtrees'
    );
    expect(refineHeaderText({ kind: 'error', callSite, message: 'HTTP 500' })).toBe(
      'Exact subtree of work failed: HTTP 500'
    );
    expect(refineHeaderText(undefined)).toBeUndefined();
  });
});

function WithStatus({ status }: { status?: RefineStatus }) {
  const parts = useRefineHeaderParts(status);
  return <Header meta={{ profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds' }} extraParts={parts} />;
}

describe('the refine part in the header', () => {
  it('shows the state as a status, and nothing without one', () => {
    const { rerender } = render(<WithStatus status={{ kind: 'loading', callSite: ['main'] }} />);
    const part = screen.getByTestId('flamelens-refine');
    expect(part).toHaveTextContent('Loading exact subtree below main…');
    expect(part).toHaveAttribute('role', 'status');
    rerender(<WithStatus status={{ kind: 'refined', callSite: ['main'], exact: true }} />);
    expect(screen.getByTestId('flamelens-refine')).toHaveTextContent('exact below main');
    rerender(<WithStatus />);
    expect(screen.queryByTestId('flamelens-refine')).toBeNull();
  });
});
