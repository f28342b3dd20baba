/**
 * The panel menu (scenes' VizPanelMenu) with Grafana's "View" (`viewPanel=panel-<id>`: the panel alone, full size)
 * and "Edit" (`editPanel=<id>`: the panel editor). Items are built when the menu opens, as Grafana does, so their
 * links carry the URL of that moment (time range and variables).
 */
import { urlUtil, type PanelMenuItem } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { VizPanelMenu } from '@grafana/scenes';

/** The current URL with `extra` query keys set (and `remove` keys dropped). */
export function currentUrlWith(extra: Record<string, string | number>, remove: string[] = []): string {
  const { pathname } = locationService.getLocation();
  const query = { ...locationService.getSearchObject() };
  for (const key of remove) {
    delete query[key];
  }
  return urlUtil.renderUrl(pathname, { ...query, ...extra });
}

/** The menu items of panel `panelId`. */
export function panelMenuItems(panelId: number): PanelMenuItem[] {
  return [
    { text: 'View', iconClassName: 'eye', shortcut: 'v', href: currentUrlWith({ viewPanel: `panel-${panelId}` }) },
    { text: 'Edit', iconClassName: 'edit', shortcut: 'e', href: currentUrlWith({ editPanel: panelId }, ['viewPanel']) },
  ];
}

export function panelMenu(panelId: number): VizPanelMenu {
  return new VizPanelMenu({ $behaviors: [(menu: VizPanelMenu) => menu.setItems(panelMenuItems(panelId))] });
}
