import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { parseTree } from '../../model/testing/asciiTree';
import { isCpuProfileType, profileTypeLabel } from './profileTypeLabel';
import { fitHeaderParts, Header, headerPartWidths, headerParts, MIN_PART_PX, SEPARATOR_PX } from './Header';

const FROM = Date.UTC(2024, 4, 1, 1, 55);
const TO = FROM + 5 * 60_000;

const META = {
  profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
  labelSelector: '{service_name="ad-server"}',
  fromMs: FROM,
  toMs: TO,
  maxNodes: 1024,
  flavor: 'grafana',
  truncated: false,
  nodeCount: 3456,
};

const profile = parseTree(
  `
total 12300000000
  main 12300000000
`,
  'nanoseconds'
);

describe('Header', () => {
  it('says what is shown in one line', () => {
    render(<Header meta={META} profile={profile} timeZone="utc" />);
    expect(screen.getByTestId('flamelens-header')).toHaveTextContent(
      'CPU·{service_name="ad-server"}·2024-05-01 01:55:00 – 02:00:00 (5 min)·total 12.3 s·2 nodes'
    );
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("counts the shown profile's nodes (a refine splices in more than the frame had), else the frame's meta", () => {
    const refined = parseTree('total 10\n  main 10\n    work 6\n    parse 4', 'nanoseconds');
    const nodes = (p?: typeof profile) => headerParts(META, p, 'utc').find((x) => x.key === 'nodes')?.text;
    expect(nodes(refined)).toBe('4 nodes');
    expect(nodes(profile)).toBe('2 nodes');
    expect(nodes(undefined)).toBe('3,456 nodes');
  });

  it('says how much of the total the server merged into "other", per side of a diff', () => {
    const truncated = parseTree('total 400\n  main 300\n    other 30\n  other 20', 'nanoseconds');
    render(<Header meta={{ ...META, truncated: true }} profile={truncated} timeZone="utc" />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Truncated by the server: 12.5% of the total is in "other" — raise Max nodes (now 1,024) to see more'
    );
    const diff = parseTree('total 400 | 1000\n  main 300 | 999\n    other 30 | 1\n  other 20 | 0', 'nanoseconds');
    expect(headerParts({ ...META, truncated: true }, diff, 'utc').find((p) => p.key === 'truncated')?.text).toBe(
      'Truncated by the server: baseline 12.5%, comparison 0.10% of the total is in "other" — raise Max nodes ' +
        '(now 1,024) to see more'
    );
  });

  it('formats the window in the dashboard time zone', () => {
    render(<Header meta={META} timeZone="Asia/Tokyo" />);
    expect(screen.getByText('2024-05-01 10:55:00 – 11:00:00 (5 min)')).toBeInTheDocument();
  });

  it('hints at raising max nodes when the server truncated the profile', () => {
    render(<Header meta={{ ...META, truncated: true }} profile={profile} timeZone="utc" />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Truncated by the server: raise Max nodes (now 1,024) to see more'
    );
  });

  it('shows both totals of a diff', () => {
    const diff = parseTree(`
total 100 | 300
  main 100 | 300
`);
    render(<Header meta={undefined} profile={diff} />);
    expect(screen.getByTestId('flamelens-header')).toHaveTextContent('baseline 100, comparison 300·2 nodes');
  });

  it.each([undefined, null, 42, 'text', [], { profileTypeId: 7, fromMs: 'yesterday', truncated: 'yes' }])(
    'shows less for meta %p, without crashing',
    (meta) => {
      render(<Header meta={meta} profile={profile} />);
      expect(screen.getByTestId('flamelens-header')).toHaveTextContent('total 12.3 s·2 nodes');
    }
  );

  it('renders nothing without meta or profile', () => {
    const { container } = render(<Header meta={{}} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('offers the way back to the dashboard range', () => {
    const onShowDashboardRange = jest.fn();
    render(<Header meta={META} onShowDashboardRange={onShowDashboardRange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Dashboard range' }));
    expect(onShowDashboardRange).toHaveBeenCalled();
  });

  it('says which moment a focus window shows, in the dashboard time zone', () => {
    const focusMs = FROM + 150_000;
    render(<Header meta={{ ...META, focusMs, focusWindowMs: 300_000, focusVariable: 'focus' }} timeZone="utc" />);
    expect(screen.getByTestId('flamelens-focus')).toHaveTextContent('Profile around 2024-05-01 01:57:30 (±2m30s)');
  });

  it('writes the moment one way, whichever day the dashboard range ends on, with the link form as its title', () => {
    const focusMs = FROM + 150_000;
    const texts = [undefined, focusMs + 60_000, focusMs + 86_400_000].map((dashboardToMs) => {
      const { unmount } = render(
        <Header
          meta={{ ...META, focusMs, focusWindowMs: 300_000, focusVariable: 'focus', dashboardToMs }}
          timeZone="utc"
        />
      );
      const focus = screen.getByTestId('flamelens-focus');
      const out = [focus.textContent, focus.getAttribute('title')];
      unmount();
      return out;
    });
    expect(texts).toEqual(Array(3).fill(['Profile around 2024-05-01 01:57:30 (±2m30s)', '2024-05-01T01:57:30Z']));
  });

  it('names both windows of a comparison', () => {
    render(
      <Header
        meta={{ ...META, compare: 'before', baselineFromMs: FROM - 300_000, baselineToMs: FROM }}
        timeZone="utc"
      />
    );
    expect(screen.getByTestId('flamelens-compare')).toHaveTextContent(
      'comparing 01:55–02:00 with the window before 01:50–01:55'
    );
  });

  it('renders a hostile selector as text', () => {
    const { container } = render(<Header meta={{ ...META, labelSelector: '<img src=x onerror=alert(1)>' }} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });
});

describe('Header parts', () => {
  it('are built from what exists: no empty selector, no separator without a part on each side', () => {
    const keys = headerParts({ ...META, labelSelector: '' }, profile, 'utc').map((p) => p.key);
    expect(keys).toEqual(['type', 'window', 'total', 'nodes']);
    render(<Header meta={{ ...META, labelSelector: '' }} profile={profile} timeZone="utc" />);
    const line = screen.getByTestId('flamelens-header');
    expect(line).toHaveTextContent(/^CPU·2024-05-01 01:55:00 – 02:00:00 \(5 min\)·total 12.3 s·2 nodes$/);
    expect(line.querySelector('code')).toBeNull();
  });

  it('give each part its whole text as a tooltip, and the header all of them', () => {
    render(<Header meta={{ ...META, truncated: true }} profile={profile} timeZone="utc" />);
    const line = screen.getByTestId('flamelens-header');
    expect(line.title).toBe(
      'CPU · {service_name="ad-server"} · 2024-05-01 01:55:00 – 02:00:00 (5 min) · total 12.3 s · 2 nodes · ' +
        'Truncated by the server: raise Max nodes (now 1,024) to see more'
    );
    expect(screen.getByText('{service_name="ad-server"}')).toHaveAttribute('title', '{service_name="ad-server"}');
    expect(screen.getByText('CPU')).toHaveAttribute('title', META.profileTypeId);
  });

  it('cap a huge selector: the header never lays out 100 KB of text', () => {
    const [selector] = headerParts({ labelSelector: `{a="${'x'.repeat(100_000)}"}` }, undefined, 'utc');
    expect(selector.text.length).toBeLessThan(500);
    expect(selector.text.endsWith('…')).toBe(true);
  });
});

describe('fitHeaderParts', () => {
  const parts = [
    { key: 'type', priority: 2 },
    { key: 'selector', priority: 5 },
    { key: 'focus', priority: 0 },
    { key: 'compare', priority: 3 },
    { key: 'nodes', priority: 6 },
  ];
  const widths = { type: 90, selector: 250, focus: 200, compare: 440, nodes: 56 };

  it('keeps every part when each can keep its minimum, in their own order', () => {
    const room = 5 * MIN_PART_PX + 4 * SEPARATOR_PX;
    expect(fitHeaderParts(parts, widths, room).map((p) => p.key)).toEqual([
      'type',
      'selector',
      'focus',
      'compare',
      'nodes',
    ]);
  });

  it('leaves out the least important parts first when the line is short', () => {
    const room = 3 * MIN_PART_PX + 2 * SEPARATOR_PX;
    expect(fitHeaderParts(parts, widths, room).map((p) => p.key)).toEqual(['type', 'focus', 'compare']);
    expect(fitHeaderParts(parts, widths, 10).map((p) => p.key)).toEqual(['focus']);
  });

  it('keeps everything while nothing is measured (and in jsdom)', () => {
    expect(fitHeaderParts(parts, {}, 0)).toHaveLength(5);
    expect(fitHeaderParts(parts, {}, 300)).toHaveLength(5);
  });
});

describe('headerPartWidths', () => {
  const shown = [
    { key: 'type', priority: 2 },
    { key: 'focus', priority: 0 },
    { key: 'compare', priority: 3 },
  ];
  const widths = { type: 90, focus: 200, compare: 440 };

  it('gives each part its minimum, then the rest by priority, never more than a part needs', () => {
    const room = headerPartWidths(shown, widths, 500);
    expect(room).toEqual({ focus: 200, type: 90, compare: 500 - 2 * SEPARATOR_PX - 290 });
    expect(headerPartWidths(shown, widths, 2000)).toEqual(widths);
    const tight = headerPartWidths(shown, widths, 3 * MIN_PART_PX + 2 * SEPARATOR_PX + 10);
    expect(tight).toEqual({ focus: MIN_PART_PX + 10, type: MIN_PART_PX, compare: MIN_PART_PX });
  });

  it('says nothing until every shown part is measured', () => {
    expect(headerPartWidths(shown, { type: 90 }, 500)).toEqual({});
    expect(headerPartWidths(shown, widths, 0)).toEqual({});
  });
});

describe('profileTypeLabel', () => {
  it.each([
    ['process_cpu:cpu:nanoseconds:cpu:nanoseconds', 'CPU'],
    ['process_cpu:samples:count:cpu:nanoseconds', 'CPU (samples)'],
    ['memory:inuse_space:bytes:space:bytes', 'Memory (inuse_space)'],
    ['memory:alloc_objects:count:space:bytes', 'Memory (alloc_objects)'],
    ['goroutine:goroutine:count:goroutine:count', 'Goroutines'],
    ['block:delay:nanoseconds:contentions:count', 'Block (delay)'],
    ['mutex:contentions:count:contentions:count', 'Mutex (contentions)'],
    ['wall:wall:nanoseconds:wall:nanoseconds', 'Wall time'],
    ['itimer:itimer:nanoseconds::', 'itimer'],
    ['not a profile type', 'not a profile type'],
  ])('%s → %s', (id, label) => {
    expect(profileTypeLabel(id)).toBe(label);
  });
});

describe('isCpuProfileType', () => {
  it('is true for CPU time only', () => {
    expect(isCpuProfileType('process_cpu:cpu:nanoseconds:cpu:nanoseconds')).toBe(true);
    expect(isCpuProfileType('process_cpu:samples:count:cpu:nanoseconds')).toBe(false);
    expect(isCpuProfileType('wall:wall:nanoseconds:wall:nanoseconds')).toBe(false);
    expect(isCpuProfileType(undefined)).toBe(false);
  });
});
