/**
 * What the user must read for each fault of tests/faults.integration.test.ts, per flavor: the exact DataQueryError
 * message. Bodies are what each server (or a proxy in front of it) sends.
 */

/** Names a server may send back: markup, script, a 100 KB name, newlines, an RTL override, emoji, a lone surrogate. */
export const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(document.cookie)</script>',
  'x'.repeat(100_000),
  'line one\nline two\r\n\tend',
  '\u202Eexe.txt',
  '🔥 hot 👩‍💻 path',
  'lone \uD800 surrogate',
];

interface StatusCase {
  body: string;
  headers?: Record<string, string>;
  message: string;
}

const G = 'querier.v1.QuerierService/SelectMergeStacktraces';

export const EXPECTED = {
  grafana: {
    'refused connection': `Could not reach Grafana or the server calling ${G}: connect ECONNREFUSED 127.0.0.1:<port>. Check the network`,
    'no answer (timeout)': `No answer within 0.5 s calling ${G}. Try a shorter time range, or raise the request timeout in the data source settings`,
    'stall after headers': `No answer within 0.5 s calling ${G}. Try a shorter time range, or raise the request timeout in the data source settings`,
    'connection closed mid-body': `Could not reach Grafana or the server calling ${G}: aborted. Check the network`,
    'truncated JSON body': `The server's answer could not be read: flame graph response: not valid JSON: unexpected end of the body: the response is truncated (field flamegraph.names, offset 120) calling ${G}`,
    'HTML page with 200': `The server's answer could not be read: an HTML page came back instead of JSON calling ${G}. The URL probably points at a web page or a proxy login, not at the Pyroscope API`,
    'empty 200 body': `The server's answer could not be read: the body is empty calling ${G}. Check the server flavor and URL in the data source settings`,
    'wrong shape (a JSON array)': `The server's answer could not be read: flame graph response: expected a JSON object, got an array (offset 0) calling ${G}`,
    'wrong shape (an unrelated object)': `The server's answer could not be read: the answer has no flame graph (the server always sends at least its root) (HTTP 200) calling ${G}. Check the server flavor and URL in the data source settings`,
    statuses: {
      '400': {
        body: '{"code":"invalid_argument","message":"parse error: unexpected end of input"}',
        message: `The server rejected the query (HTTP 400) calling ${G}: invalid_argument: parse error: unexpected end of input. Check the profile type, the label selector and the time range`,
      },
      '401': {
        body: '{"code":"unauthenticated","message":"invalid credentials"}',
        message: `Authentication failed (HTTP 401) calling ${G}: unauthenticated: invalid credentials. Check the credentials in the data source settings`,
      },
      '403': {
        body: '{"code":"permission_denied","message":"tenant not allowed"}',
        message: `Access denied (HTTP 403) calling ${G}: permission_denied: tenant not allowed. The credentials are valid but not allowed to read these profiles`,
      },
      '404': {
        body: '404 page not found',
        message: `Not found (HTTP 404) calling ${G}: 404 page not found. Check the URL: it must point at a Pyroscope server (for example http://pyroscope:4040), and the server flavor`,
      },
      '405': {
        body: 'Method Not Allowed',
        message: `The server does not speak this API (HTTP 405) calling ${G}: Method Not Allowed. Check the server flavor in the data source settings`,
      },
      '413': {
        body: '<html><title>413 Request Entity Too Large</title></html>',
        message: `The request is too large (HTTP 413) calling ${G}: an HTML page ("413 Request Entity Too Large") instead of an API answer`,
      },
      '429': {
        body: '{"code":"resource_exhausted","message":"rate limit exceeded"}',
        headers: { 'Retry-After': '30' },
        message: `The server is overloaded or a limit was reached; the server asks to retry after 30 s (HTTP 429) calling ${G}: resource_exhausted: rate limit exceeded. Try a shorter time range or fewer max nodes`,
      },
      '500': {
        body: '{"code":"internal","message":"store-gateway: context deadline exceeded"}',
        message: `The server failed (HTTP 500) calling ${G}: internal: store-gateway: context deadline exceeded`,
      },
      '502': {
        body: '<html><title>502 Bad Gateway</title></html>',
        message: `Grafana could not reach the server (HTTP 502) calling ${G}: an HTML page ("502 Bad Gateway") instead of an API answer. Check the URL, TLS settings and that the server is running and reachable from Grafana`,
      },
      '503': {
        body: '{"code":"unavailable","message":"not ready"}',
        headers: { 'Retry-After': '5' },
        message: `The server is not ready; the server asks to retry after 5 s (HTTP 503) calling ${G}: unavailable: not ready. It may be starting; try again shortly`,
      },
      '504': {
        body: '<html><title>504 Gateway Time-out</title></html>',
        message: `The server did not answer in time (HTTP 504) calling ${G}: an HTML page ("504 Gateway Time-out") instead of an API answer. Try a shorter time range, or raise the timeout`,
      },
    } as Record<string, StatusCase>,
  },
  og: {
    'refused connection': `Could not reach Grafana or the server calling render: connect ECONNREFUSED 127.0.0.1:<port>. Check the network`,
    'no answer (timeout)': `No answer within 0.5 s calling render. Try a shorter time range, or raise the request timeout in the data source settings`,
    'stall after headers': `No answer within 0.5 s calling render. Try a shorter time range, or raise the request timeout in the data source settings`,
    'connection closed mid-body': `Could not reach Grafana or the server calling render: aborted. Check the network`,
    'truncated JSON body': `The server's answer could not be read: the JSON is malformed or truncated (Unterminated string in JSON at position 120) calling render`,
    'HTML page with 200': `The server's answer could not be read: an HTML page came back instead of JSON calling render. The URL probably points at a web page or a proxy login, not at the Pyroscope API`,
    'empty 200 body': `The server's answer could not be read: the body is empty calling render. Check the server flavor and URL in the data source settings`,
    'wrong shape (a JSON array)': `The server's answer could not be read: flamebearer response: expected a JSON object, got an array calling render`,
    'wrong shape (an unrelated object)': `The server's answer could not be read: flamebearer response: expected an object, got nothing (the field is missing) (field flamebearer) calling render`,
    statuses: {
      '400': {
        body: 'invalid parameter: query',
        message: `The server rejected the query (HTTP 400) calling render: invalid parameter: query. Check the profile type, the label selector and the time range`,
      },
      '401': {
        body: '{"errors":["invalid credentials"]}',
        message: `Authentication failed (HTTP 401) calling render: invalid credentials. Check the credentials in the data source settings`,
      },
      '403': {
        body: '{"errors":["access denied"]}',
        message: `Access denied (HTTP 403) calling render: access denied. The credentials are valid but not allowed to read these profiles`,
      },
      '404': {
        body: '<html><title>Pyroscope</title></html>',
        message: `Not found (HTTP 404) calling render: an HTML page ("Pyroscope") instead of an API answer. Check the URL: it must point at a Pyroscope server (for example http://pyroscope:4040), and the server flavor`,
      },
      '429': {
        body: 'too many requests',
        headers: { 'Retry-After': '120' },
        message: `The server is overloaded or a limit was reached; the server asks to retry after 120 s (HTTP 429) calling render: too many requests. Try a shorter time range or fewer max nodes`,
      },
      '500': { body: '', message: `The server failed (HTTP 500) calling render: Internal Server Error` },
      '502': {
        body: '<html><title>502 Bad Gateway</title></html>',
        message: `Grafana could not reach the server (HTTP 502) calling render: an HTML page ("502 Bad Gateway") instead of an API answer. Check the URL, TLS settings and that the server is running and reachable from Grafana`,
      },
      '503': {
        body: 'upstream connect error',
        message: `The server is not ready (HTTP 503) calling render: upstream connect error. It may be starting; try again shortly`,
      },
      '504': {
        body: '<html><title>504 Gateway Time-out</title></html>',
        message: `The server did not answer in time (HTTP 504) calling render: an HTML page ("504 Gateway Time-out") instead of an API answer. Try a shorter time range, or raise the timeout`,
      },
    } as Record<string, StatusCase>,
  },
  transientAuth: [
    'Authentication failed (HTTP 401) calling pyroscope/label-values: Unauthorized. Check the credentials in the data source settings',
    'Access denied (HTTP 403) calling pyroscope/label-values: an HTML page ("403 Forbidden") instead of an API answer. The credentials are valid but not allowed to read these profiles',
  ],
  ogLooksLikeData: {
    'pyroscope-io error body with 200': {
      body: '{"errors":["render: storage is closed"]}',
      message:
        'The server answered with an error instead of data (HTTP 200) calling render: render: storage is closed. A proxy or gateway between Grafana and the server may be rewriting error statuses; check its logs',
    },
  },
  looksLikeData: {
    'Connect error body with 200': {
      body: '{"code":"internal","message":"querier: boom"}',
      message: `The server answered with an error instead of data (HTTP 200) calling ${G}: internal: querier: boom. A proxy or gateway between Grafana and the server may be rewriting error statuses; check its logs`,
    },
    '{} with 200': {
      body: '{}',
      message: `The server's answer could not be read: the answer has no flame graph (the server always sends at least its root) (HTTP 200) calling ${G}. Check the server flavor and URL in the data source settings`,
    },
    'names without levels with 200': {
      body: '{"flamegraph":{"names":["total","main"],"total":"7"}}',
      message: `The server's answer could not be read: the flame graph has 2 names but no levels (HTTP 200) calling ${G}. Check the server flavor and URL in the data source settings`,
    },
  },
};
