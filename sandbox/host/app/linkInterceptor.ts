/**
 * Grafana's in-app navigation for plain links (its `interceptLinkClicks`): a click on an `<a href>` to this host
 * with no target and no modifier key becomes `locationService.push`, so pages change without reloading. As in
 * Grafana, the href loses the sub-path (the history adds it back), and an href that does not start with `/` is read
 * from the app's root (`?from=1` → `/?from=1`, `d/x` → `/d/x`), not from the current page. Links to other sites and
 * hash links keep the browser's behaviour.
 */
import { locationUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';

export function interceptLinkClicks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  const href = anchor?.getAttribute('href');
  if (!anchor || !href || anchor.getAttribute('target') || anchor.hasAttribute('download')) {
    return;
  }
  if (href.startsWith('#')) {
    return;
  }
  const path = locationUtil.stripBaseFromUrl(href);
  // Still a URL with a scheme: another site, or this origin outside the sub-path; the browser navigates.
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    return;
  }
  event.preventDefault();
  locationService.push(path.startsWith('/') ? path : `/${path}`);
}

let installed = false;

/** Starts intercepting link clicks on the whole document. Idempotent. */
export function installLinkInterceptor(): void {
  if (!installed) {
    document.addEventListener('click', interceptLinkClicks);
    installed = true;
  }
}
