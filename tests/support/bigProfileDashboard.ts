import fs from 'fs';
import path from 'path';

import type { Profile } from '../../src/model/profile';
import { prepareProvisioning } from '../../sandbox/demo/provisioning';
import { startHostServer } from '../../sandbox/host/server';
import { startPyroscopeServer, type PyroscopeServer } from '../../sandbox/pyroscope/server';
import { DEFAULT_TENANT, PROFILE_TYPE_LABEL } from '../../sandbox/pyroscope/store';

const PROVISIONING = path.join(__dirname, '..', '..', 'provisioning');
export const BIG_SERVICE = 'big-app';
export const BIG_PROFILE_TYPE = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
/** The test server's (and Grafana Pyroscope's) greatest `maxNodes`. */
const MAX_NODES = 1_048_576;

/** The sandbox host with one dashboard whose flame graph panel loads one big profile, untruncated, from the test server. */
export interface BigProfileDashboard {
  url: string;
  pyroscope: PyroscopeServer;
  /** When the profile was stored; the dashboard path shows the hour before it and after. */
  timeMs: number;
  /** `/d/flamelens-demo?...` showing the profile. */
  path: string;
  close(): Promise<void>;
}

/**
 * Starts the test server (Grafana Pyroscope's flavor, or pyroscope-io's with `og`) holding `profile` as the CPU profile of `big-app`, and the sandbox
 * host provisioned with the demo dashboard cut to its flame graph panel (id 2), querying that service with the
 * largest node limit, so the panel's answer is the whole profile. `subPath` serves the host under it (`url` ends
 * with it).
 */
export async function startBigProfileDashboard(
  profile: Profile,
  flavor: 'grafana' | 'og' = 'grafana',
  /** The query's node limit instead of the largest (refine on focus needs a truncated answer); `subPath` as above. */
  options: { maxNodes?: number; subPath?: string } = {}
): Promise<BigProfileDashboard> {
  const pyroscope = await startPyroscopeServer({ flavor });
  const timeMs = Date.now() - 10 * 60_000;
  const labels = { service_name: BIG_SERVICE, [PROFILE_TYPE_LABEL]: BIG_PROFILE_TYPE, __name__: 'process_cpu' };
  pyroscope.store.append(DEFAULT_TENANT, labels, timeMs, profile);
  const provisioning = prepareProvisioning(PROVISIONING, false);
  const file = path.join(provisioning.dir, 'dashboards', 'flamelens-demo.json');
  const dashboard = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    panels: Array<{ id: number; targets?: Array<Record<string, unknown>> }>;
    annotations?: unknown;
  };
  dashboard.panels = dashboard.panels.filter((p) => p.id === 2);
  for (const target of dashboard.panels[0].targets ?? []) {
    target.profileTypeId = BIG_PROFILE_TYPE;
    target.labelSelector = `{service_name="${BIG_SERVICE}"}`;
    target.maxNodes = options.maxNodes ?? MAX_NODES;
    target.queryType = 'profile';
  }
  fs.writeFileSync(file, JSON.stringify(dashboard));
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning.dir,
    env: { PYROSCOPE_URL: pyroscope.url },
    ...(options.subPath ? { subPath: options.subPath } : {}),
  });
  return {
    url: host.url,
    pyroscope,
    timeMs,
    path: `/d/flamelens-demo?from=${timeMs - 3_600_000}&to=${timeMs + 3_600_000}`,
    close: async () => {
      await host.close();
      await pyroscope.close();
      provisioning.cleanup();
    },
  };
}
