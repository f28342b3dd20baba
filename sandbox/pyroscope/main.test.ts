/**
 * @jest-environment node
 */
import { parseArgs } from './main';
import { NO_TIME_LIMITS } from './options';

describe('parseArgs', () => {
  it('reads every flag', () => {
    expect(
      parseArgs([
        '--port',
        '0',
        '--flavor',
        'og',
        '--seed-hours',
        '2',
        '--multitenancy',
        '--basic-auth',
        'u:p',
        '--bearer',
        't',
        '--max-profiles',
        '10',
        '--no-limits',
        '--no-pprof-format',
      ])
    ).toEqual({
      port: 0,
      flavor: 'og',
      seed: { hours: 2 },
      multitenancy: true,
      basicAuth: 'u:p',
      bearerToken: 't',
      maxProfiles: 10,
      limits: NO_TIME_LIMITS,
      pprofFormat: false,
    });
    expect(parseArgs(['--seed'])).toEqual({ port: 4040, seed: true });
  });

  it('explains bad flags', () => {
    expect(() => parseArgs(['--flavor', 'phlare'])).toThrow('--flavor must be grafana or og');
    expect(() => parseArgs(['--port'])).toThrow('--port needs a value');
    expect(() => parseArgs(['--max-profiles', 'lots'])).toThrow('whole number');
    expect(() => parseArgs(['--basic-auth', 'nopass'])).toThrow('user:password');
    expect(() => parseArgs(['--what'])).toThrow('unknown flag --what');
  });
});
