import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';
import { readmeForPlugin } from './scripts/pluginReadme.ts';

const APP_ID = 'flamelens-profiles-app';

/**
 * create-plugin's config copies only the app's own logo; the nested datasource and panel need theirs beside their
 * plugin.json too (dist/datasource/img, dist/panel/img), or Grafana shows a broken image. It also copies
 * src/README.md (our code map) as the plugin README when present; the project README replaces it. The datasource's
 * decode worker is one more entry.
 */
const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return merge(base, {
    // The datasource's decode worker (docs/decode-worker.md): its own entry, emitted beside the datasource's
    // module.js so it is served from the plugin's folder. A worker has no AMD loader, so this entry overrides the
    // config's AMD library with a plain script (the global it assigns is never read).
    entry: {
      'datasource/decodeWorker': {
        import: './datasource/api/decode/decodeWorker.ts',
        library: { type: 'var', name: 'flamelensDecodeWorker' },
      },
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: 'datasource/img', to: 'datasource/img' },
          { from: 'panel/img', to: 'panel/img' },
          // The plugin README Grafana shows is the project README (src/README.md is the code map), its links made to
          // work inside Grafana (scripts/pluginReadme.ts); the screenshots it shows ship under img/screenshots.
          {
            from: '../README.md',
            to: '.',
            force: true,
            transform: (content: Buffer) => readmeForPlugin(content.toString('utf8'), APP_ID),
          },
          { from: '../docs/screenshots/*.png', to: 'img/screenshots/[name][ext]' },
          // The story dashboard the app includes (the same file provisioning/ gives Grafana and the sandbox).
          { from: '../provisioning/dashboards/flamelens-demo.json', to: 'dashboards/flamelens-demo.json' },
        ],
      }),
    ],
  });
};

export default config;
