import fs from 'fs';
import path from 'path';

/** The seeded service and profile type the demo dashboard queries on pyroscope-io (see {@link retargetDemoForOg}). */
export const OG_DEMO_SERVICE = 'ad-server';
export const OG_DEMO_PROFILE_TYPE = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

/**
 * pyroscope-io has no equivalent of the demo's Node wall profile type: in a prepared provisioning folder, points every
 * profile query of the demo dashboard at the seeded Go service's CPU profile instead.
 */
export function retargetDemoForOg(provisioningDir: string): void {
  const file = path.join(provisioningDir, 'dashboards', 'flamelens-demo.json');
  const dashboard = JSON.parse(fs.readFileSync(file, 'utf8')) as { panels: Array<Record<string, unknown>> };
  for (const panel of dashboard.panels) {
    for (const target of (panel.targets as Array<Record<string, unknown>> | undefined) ?? []) {
      if (target.profileTypeId) {
        target.profileTypeId = OG_DEMO_PROFILE_TYPE;
        target.labelSelector = `{service_name="${OG_DEMO_SERVICE}"}`;
      }
    }
  }
  fs.writeFileSync(file, JSON.stringify(dashboard));
}
