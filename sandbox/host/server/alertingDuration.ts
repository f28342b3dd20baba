import { ProvisioningError } from './provisioning';

/** Prometheus durations (Go's `model.Duration`), which Grafana uses for a rule's `for` and a group's interval. */

const PROM_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_SEC = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];

/**
 * A Prometheus duration (`30s`, `1h30m`, `2d`; `0` alone too), as Grafana parses `for` and group intervals.
 *
 * @throws ProvisioningError for any other text.
 */
export function parsePromDurationSec(text: string, where: string): number {
  const match = text === '0' ? ['0'] : PROM_DURATION.exec(text);
  if (!match || text === '') {
    throw new ProvisioningError(`${where}: not a valid duration string: ${JSON.stringify(text)}`);
  }
  return match.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * UNIT_SEC[i] : 0), 0);
}

/** A duration in seconds written as Prometheus writes it (`30s`, `1m30s`, `0s`). */
export function formatPromDuration(totalSec: number): string {
  if (totalSec <= 0) {
    return '0s';
  }
  let rest = Math.round(totalSec * 1000);
  let out = '';
  const units: Array<[string, number]> = [
    ['y', 365 * 86_400_000],
    ['w', 7 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  for (const [unit, ms] of units) {
    const n = Math.floor(rest / ms);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * ms;
    }
  }
  return out;
}
