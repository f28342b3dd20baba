import type { Page } from 'playwright-core';

/**
 * Layout checks run in the page, for the panel's rows above the graph. Each returns a list of problems (empty when
 * the layout is right), worded to say which element and how, so a failing test reads as a bug report.
 */

/**
 * The toolbar's controls (buttons, radio labels, the search input, the match count), the header's button and the
 * top table's filter line: each
 * inside the panel, not cut by any clipping ancestor, not covered at its centre, and no two overlapping.
 */
export async function toolbarProblems(page: Page, panelSelector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const panel = document.querySelector(sel);
    // The toolbar row: the closest element holding both the tools and the search box.
    const search = panel?.querySelector('input[aria-label="Search functions"]');
    let toolbar = panel?.querySelector('[role="toolbar"]') ?? null;
    while (toolbar && search && !toolbar.contains(search)) {
      toolbar = toolbar.parentElement;
    }
    if (!panel || !toolbar) {
      return [`no panel or toolbar under ${sel}`];
    }
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    const controls = [
      ...Array.from(toolbar.querySelectorAll('button, label, input:not([type="radio"])')),
      ...Array.from(
        panel.querySelectorAll(
          [
            '[data-testid="flamelens-search-summary"]',
            '[data-testid="flamelens-header"] button',
            'input[aria-label="Filter functions"]',
            '[data-testid="flamelens-hidden-columns"]',
          ].join(', ')
        )
      ),
    ].filter((el) => (el as HTMLElement).offsetParent !== null);
    if (controls.length === 0) {
      problems.push('no controls');
    }
    const p = panel.getBoundingClientRect();
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) {
        problems.push(`${name(el)} has no size`);
        continue;
      }
      if (r.left < p.left - 0.5 || r.right > p.right + 0.5 || r.top < p.top - 0.5 || r.bottom > p.bottom + 0.5) {
        problems.push(`${name(el)} sticks out of the panel`);
      }
      for (let a = el.parentElement; a && a !== panel.parentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const c = a.getBoundingClientRect();
          if (r.left < c.left - 0.5 || r.right > c.right + 0.5 || r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5) {
            problems.push(`${name(el)} is cut by a clipping ${a.tagName.toLowerCase()}`);
            break;
          }
        }
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      // A radio button's label lies under its own (transparent) input.
      const own = el instanceof HTMLLabelElement && hit !== null && el.control === hit;
      if (el.tagName !== 'INPUT' && hit && !own && !el.contains(hit) && !hit.contains(el)) {
        problems.push(`${name(el)} is covered by ${name(hit)}`);
      }
    }
    const boxes = controls.filter((el) => el.tagName !== 'INPUT');
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [x, y] = [boxes[i], boxes[j]];
        if (x.contains(y) || y.contains(x)) {
          continue;
        }
        const a = x.getBoundingClientRect();
        const b = y.getBoundingClientRect();
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) {
          problems.push(`${name(x)} overlaps ${name(y)}`);
        }
      }
    }
    return problems;
  }, panelSelector);
}

/**
 * The header line: every `·` separator stands between two parts that show text (at least 8 px of it), none starts
 * or ends the line, and every part is inside the panel and not cut by a clipping ancestor (a part too long for its
 * room ellipsizes within its own box).
 */
export async function headerProblems(page: Page, panelSelector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const panel = document.querySelector(sel);
    const header = panel?.querySelector('[data-testid="flamelens-header"]');
    if (!panel || !header) {
      return [`no header under ${sel}`];
    }
    const p = panel.getBoundingClientRect();
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && r.width > 0 && r.height > 0;
    };
    const dots = Array.from(header.querySelectorAll('*')).filter(
      (el) => el.children.length === 0 && el.textContent?.trim() === '·' && shown(el)
    );
    for (const dot of dots) {
      let before = dot.previousElementSibling;
      while (before && !shown(before)) {
        before = before.previousElementSibling;
      }
      let after = dot.nextElementSibling;
      while (after && !shown(after)) {
        after = after.nextElementSibling;
      }
      for (const [side, part] of [
        ['before', before],
        ['after', after],
      ] as const) {
        if (!part || (part.textContent ?? '').trim() === '·') {
          problems.push(`a separator has no part ${side} it`);
        } else if (part.getBoundingClientRect().width < 8) {
          problems.push(`the part ${side} a separator ("${(part.textContent ?? '').slice(0, 30)}") is an empty slot`);
        }
      }
    }
    const parts = Array.from(header.querySelectorAll(':scope > * > *, :scope > *')).filter(
      (el) => shown(el) && (el.textContent ?? '').trim() !== '' && el.children.length <= 3
    );
    for (const el of parts) {
      const r = el.getBoundingClientRect();
      const label = `"${(el.textContent ?? '').trim().slice(0, 30)}"`;
      if (r.left < p.left - 0.5 || r.right > p.right + 0.5) {
        problems.push(`header part ${label} sticks out of the panel`);
      }
      for (let a = el.parentElement; a && a !== panel.parentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible') {
          const c = a.getBoundingClientRect();
          if (r.left < c.left - 0.5 || r.right > c.right + 0.5) {
            problems.push(`header part ${label} is cut by a clipping ${a.tagName.toLowerCase()}`);
            break;
          }
        }
      }
    }
    return problems;
  }, panelSelector);
}
