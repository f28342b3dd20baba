import { Observable, finalize, map, of, share, tap } from 'rxjs';

import { ConnectApi } from './connectApi';
import { detectFlavor } from './detect';
import { OgApi } from './ogApi';
import { mainThreadDecoder, type ProfileDecoder } from './decode/profileDecoder';
import type { HttpTransport } from './transport';
import type { ServerFlavor } from '../../model/contract';
import type { PyroscopeApi } from './types';

/**
 * The one place that decides which adapter talks to the server: the flavor set in the data source settings, else
 * the one the server identified itself as. Only a positive identification is kept for the life of the instance; a
 * failed detection (refused credentials, a proxy's error page, no answer) is reported to the query that asked and
 * decides nothing, so the next query detects again. Concurrent queries share one detection in flight.
 */
export class FlavorResolver {
  private identified?: PyroscopeApi;
  private pending?: Observable<PyroscopeApi>;
  // One adapter for the instance: an adapter remembers what it learnt of the server (e.g. ConnectApi's pprof format).
  private configuredApi?: PyroscopeApi;

  constructor(
    private readonly http: HttpTransport,
    private readonly configured: ServerFlavor | 'auto',
    /** How flame graph answers are decoded (the browser's decoder sends large ones to the decode worker). */
    private readonly decoder: ProfileDecoder = mainThreadDecoder
  ) {}

  api(): Observable<PyroscopeApi> {
    if (this.configured !== 'auto') {
      this.configuredApi ??= adapterFor(this.configured, this.http, this.decoder);
      return of(this.configuredApi);
    }
    if (this.identified) {
      return of(this.identified);
    }
    if (!this.pending) {
      this.pending = detectFlavor(this.http).pipe(
        map((d) => adapterFor(d.flavor, this.http, this.decoder)),
        tap((api) => {
          this.identified = api;
        }),
        finalize(() => {
          this.pending = undefined;
        }),
        share()
      );
    }
    return this.pending;
  }
}

function adapterFor(flavor: ServerFlavor, http: HttpTransport, decoder: ProfileDecoder): PyroscopeApi {
  return flavor === 'og' ? new OgApi(http, decoder) : new ConnectApi(http, decoder);
}
