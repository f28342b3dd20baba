/**
 * Grafana's in-app navigation for plain links (its `interceptLinkClicks`): a click on an `<a href>` to this host
 * with no target and no modifier key becomes `locationService.push` of its path without the sub-path (the history
 * adds it back), so pages change without reloading. Links to other sites and hash links keep the browser's behaviour.
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
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) {
    return;
  }
  event.preventDefault();
  locationService.push(locationUtil.stripBaseFromUrl(`${url.pathname}${url.search}${url.hash}`));
}

let installed = false;

/** Starts intercepting link clicks on the whole document. Idempotent. */
export function installLinkInterceptor(): void {
  if (!installed) {
    document.addEventListener('click', interceptLinkClicks);
    installed = true;
  }
}
