/**
 * CLI of the Pyroscope-compatible test server (see README.md):
 *
 *   npx tsx sandbox/pyroscope/main.ts [--port 4040] [--flavor grafana|og] [--seed] [--seed-hours 6]
 *     [--multitenancy] [--basic-auth user:pass] [--bearer token] [--max-profiles N] [--no-limits] [--no-pprof-format]
 *
 * Prints one line per request to stdout. For tests and the demo only: production users want Grafana Pyroscope.
 */
import { NO_TIME_LIMITS, type Flavor, type PyroscopeServerOptions } from './options';
import { startPyroscopeServer } from './server';

const USAGE = `usage: main.ts [--port 4040] [--flavor grafana|og] [--seed] [--seed-hours N] [--multitenancy]
               [--basic-auth user:pass] [--bearer token] [--max-profiles N] [--no-limits] [--no-pprof-format]`;

/** Parses the command line; throws with a message for a bad flag. */
export function parseArgs(argv: readonly string[]): PyroscopeServerOptions {
  const options: PyroscopeServerOptions = { port: 4040 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`${flag} needs a value`);
      }
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^\d+$/.test(v)) {
        throw new Error(`${flag} needs a whole number, got "${v}"`);
      }
      return Number(v);
    };
    switch (flag) {
      case '--port':
        options.port = int();
        break;
      case '--flavor': {
        const v = value();
        if (v !== 'grafana' && v !== 'og') {
          throw new Error(`--flavor must be grafana or og, got "${v}"`);
        }
        options.flavor = v satisfies Flavor;
        break;
      }
      case '--seed':
        options.seed = options.seed || true;
        break;
      case '--seed-hours':
        options.seed = { hours: int() };
        break;
      case '--multitenancy':
        options.multitenancy = true;
        break;
      case '--basic-auth': {
        const v = value();
        if (!v.includes(':')) {
          throw new Error('--basic-auth needs user:password');
        }
        options.basicAuth = v;
        break;
      }
      case '--bearer':
        options.bearerToken = value();
        break;
      case '--max-profiles':
        options.maxProfiles = int();
        break;
      case '--no-limits':
        options.limits = { ...NO_TIME_LIMITS };
        break;
      case '--no-pprof-format':
        options.pprofFormat = false;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: PyroscopeServerOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  // The request log is the CLI's only output channel: stdout, one line per request.
  options.log = (line) => console.log(line);
  const server = await startPyroscopeServer(options);
  const flavor = options.flavor ?? 'grafana';
  process.stdout.write(
    `Flamelens Pyroscope test server (${flavor} flavor) on ${server.url}, ${server.store.profileCount} profiles stored. ` +
      'For tests and demos only; use Grafana Pyroscope in production.\n'
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  void main();
}
