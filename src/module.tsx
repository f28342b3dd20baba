import { AppPlugin } from '@grafana/data';

import { AppConfig } from './components/AppConfig';
import { AppRoot } from './components/AppRoot';

/** The Flamelens app: it packages the datasource and the panel (see plugin.json `includes`). */
export const plugin = new AppPlugin<{}>().setRootPage(AppRoot).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
