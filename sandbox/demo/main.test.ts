/**
 * @jest-environment node
 */
/**
 * The `npm run demo` process: settings from the environment, a clear message for a taken port, and Ctrl-C stopping
 * every process it started (checked with `ps`, as a user would).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { demoSettings, showHostLine } from './main';
import { REPO_ROOT } from './paths';
import { isRunning } from './testing/processes';

jest.setTimeout(90_000);

const MAIN = join(REPO_ROOT, 'sandbox', 'demo', 'main.ts');

function runMain(env: Record<string, string>, args: string[] = []): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--no-build', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForText(output: () => string, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) {
      throw new Error(`no "${text}" within ${timeoutMs} ms; output:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Process ids of the descendants of `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const queue = [pid];
  for (let i = 0; i < queue.length; i++) {
    for (const [child, parent] of rows) {
      if (parent === queue[i]) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return String(pid); // exited in the meantime
  }
}

const PORTS_ANY = { PORT: '0', PYROSCOPE_PORT: '0', METRICS_PORT: '0', PROMETHEUS_PORT: '0', DEMO_HISTORY_HOURS: '1' };

describe('demoSettings', () => {
  it('reads ports and the spike schedule from the environment, with defaults', () => {
    const s = demoSettings({ PORT: '3001', SPIKE_MS: '1000' }, ['--no-prometheus']);
    expect(s.ports).toEqual({ host: 3001, pyroscope: 4040, metrics: 9464, prometheus: 9090 });
    expect(s.spike).toEqual({ firstMs: 60_000, everyMs: 600_000, durationMs: 1000 });
    expect(s.noPrometheus).toBe(true);
    expect(s.noBuild).toBe(false);
    expect(s.historyHours).toBe(6);
    expect(s.grafana).toBe('13.2');
    expect(demoSettings({}, ['--grafana', '12.4']).grafana).toBe('12.4');
    expect(demoSettings({}, ['--grafana=13.0', '--no-build'])).toMatchObject({ grafana: '13.0', noBuild: true });
    expect(s.subPath).toBe('');
    expect(demoSettings({}, ['--sub-path', 'grafana/']).subPath).toBe('/grafana');
    expect(demoSettings({}, ['--sub-path=/a/b']).subPath).toBe('/a/b');
  });

  it('explains bad values and flags', () => {
    expect(() => demoSettings({ PORT: 'abc' }, [])).toThrow('PORT must be a whole number up to 65535, got "abc"');
    expect(() => demoSettings({ PYROSCOPE_PORT: '70000' }, [])).toThrow(/PYROSCOPE_PORT must be a whole number/);
    expect(() => demoSettings({ SPIKE_MS: '700000' }, [])).toThrow(
      'SPIKE_MS must be above 0 and shorter than SPIKE_EVERY_MS'
    );
    expect(() => demoSettings({ DEMO_HISTORY_HOURS: '0' }, [])).toThrow(/between 1 and 24/);
    expect(() => demoSettings({}, ['--fast'])).toThrow(/unknown option --fast\nusage: npm run demo/);
    expect(() => demoSettings({}, ['--grafana', '11.6'])).toThrow(
      /--grafana takes one of 12\.4, 13\.0, 13\.2, got 11\.6/
    );
    expect(() => demoSettings({}, ['--grafana'])).toThrow(/got nothing/);
    expect(() => demoSettings({}, ['--sub-path'])).toThrow(/--sub-path takes a path such as \/grafana, got nothing/);
    expect(() => demoSettings({}, ['--sub-path', '/a/../b'])).toThrow(/plain URL path/);
  });
});

describe('showHostLine', () => {
  it('hides successful proxied requests unless verbose, and keeps failures and warnings', () => {
    const ok = 'proxy POST uid=flamelens-pyroscope → http://127.0.0.1:4040/x 200 3ms';
    expect(showHostLine(ok, false)).toBe(false);
    expect(showHostLine(ok, true)).toBe(true);
    expect(showHostLine(ok.replace(' 200 ', ' 502 '), false)).toBe(true);
    expect(showHostLine('boot data: no plugin for datasource X of type y; left out', false)).toBe(true);
  });
});

describe('npm run demo (main.ts)', () => {
  it('fails fast with the port and its variable when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { child, output } = runMain({ ...PORTS_ANY, METRICS_PORT: String(port) });
      expect(await exitOf(child)).toBe(1);
      expect(output()).toContain(
        `The demo could not start: port ${port} (the demo workload's metrics) is already in use: stop whatever ` +
          `listens there, or pick another port with METRICS_PORT, e.g. \`METRICS_PORT=${port + 1} npm run demo\``
      );
    } finally {
      blocker.close();
    }
  });

  it('prints where everything is, and Ctrl-C leaves no process behind', async () => {
    const { child, output } = runMain(PORTS_ANY);
    const exited = exitOf(child);
    await waitForText(output, 'Ctrl-C stops everything.', 60_000);
    expect(output()).toMatch(/Dashboard +http:\/\/127\.0\.0\.1:\d+\/d\/flamelens-demo/);
    expect(output()).toMatch(/Pyroscope \(test\) +http:\/\/127\.0\.0\.1:\d+/);
    expect(output()).toMatch(/Prometheus +http:\/\/127\.0\.0\.1:\d+/);
    expect(output()).toMatch(/Workload metrics +http:\/\/127\.0\.0\.1:\d+\/metrics/);
    const children = descendants(child.pid!);
    // The workload and Prometheus at least (tsx may run an esbuild service too).
    expect(children.length).toBeGreaterThanOrEqual(2);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output()).toContain('Stopped.');
    // tsx's esbuild service exits when its pipe to the demo closes, a moment after the demo itself.
    for (let i = 0; i < 30 && children.some(isRunning); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(children.filter(isRunning).map(commandOf)).toEqual([]);
  });
});
