import { parseTree, tree } from '../../model/testing/asciiTree';
import { collapseChains } from '../../model/transforms/collapse';
import { focusCallSite } from './useReportFocusCallSite';

/** The call site the view reports for its focus: the frame's path, or with chains collapsed, the chain's last frame's. */

const input = parseTree(tree`
  total 100
    main 100
      run 100
        loop 100
          work 60
          idle 40
`);

describe('focusCallSite', () => {
  it('is the path of names from the root, and nothing for the root', () => {
    expect(focusCallSite(input, input, false, 4)).toEqual(['main', 'run', 'loop', 'work']);
    expect(focusCallSite(input, input, false, 0)).toBeUndefined();
    expect(focusCallSite(input, input, false, 99)).toBeUndefined();
  });

  it('names the last frame of a collapsed chain: the frame whose subtree the collapsed node shows', () => {
    const shown = collapseChains(input, 0.99).profile;
    // main, run and loop are one node: main, showing loop's children.
    expect(shown.names[shown.nameId[1]]).toBe('main');
    expect(focusCallSite(input, shown, true, 1)).toEqual(['main', 'run', 'loop']);
    expect(focusCallSite(input, shown, true, 2)).toEqual(['main', 'run', 'loop', 'work']);
  });
});
