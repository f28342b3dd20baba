import { detectLanguage, packageOf } from './packageName';

/** [name, expected package]; names from the fixtures' `go tool pprof` output and real agents. */
const cases: Record<string, Array<[string, string]>> = {
  go: [
    ['runtime.mallocgc', 'runtime'],
    ['runtime.(*timers).check', 'runtime'],
    ['runtime.gcBgMarkWorker.func1', 'runtime'],
    ['main.work', 'main'],
    ['os.OpenFile', 'os'],
    ['net/http.(*Transport).RoundTrip', 'net/http'],
    ['encoding/json.Marshal', 'encoding/json'],
    ['github.com/grafana/pyroscope/v2/pkg/pprof.RawFromBytes', 'github.com/grafana/pyroscope/v2/pkg/pprof'],
    [
      'github.com/grafana/loki/pkg/storage/stores/shipper/indexshipper/tsdb/index.(*Decoder).Series',
      'github.com/grafana/loki/pkg/storage/stores/shipper/indexshipper/tsdb/index',
    ],
    ['golang.org/x/net/http2/hpack.(*Decoder).parseHeaderFieldRepr', 'golang.org/x/net/http2/hpack'],
    ['gopkg.in/yaml%2ev3.(*encoder).marshal.(*encoder).mapv.func1', 'gopkg.in/yaml%2ev3'],
    ['github.com/grafana/dskit/loser.New[go.shape.uint32]', 'github.com/grafana/dskit/loser'],
    [
      'github.com/grafana/loki/pkg/util/loser.(*Tree[go.shape.struct { github.com/grafana/loki/pkg/iter.labels string }]).Close',
      'github.com/grafana/loki/pkg/util/loser',
    ],
    ['go.opencensus.io/trace.(*Span).AddAttributes', 'go.opencensus.io/trace'],
  ],
  java: [
    ['java/util/regex/Pattern$Slice.match', 'java/util/regex'],
    ['kafka/server/ReplicaManager$$Lambda_.apply$mcV$sp', 'kafka/server'],
    ['scala/collection/TraversableLike.$anonfun$map$1', 'scala/collection'],
    ['org/apache/kafka/common/network/Selector.addToCompletedReceives', 'org/apache/kafka/common/network'],
    ['java/util/concurrent/ConcurrentSkipListMap$Values.toArray', 'java/util/concurrent'],
    ['java.util.HashMap.putMapEntries', 'java.util'],
    [
      'org.apache.kafka.common.record.DefaultRecordBatch$DefaultFileChannelRecordBatch.lastOffset',
      'org.apache.kafka.common.record',
    ],
  ],
  dotnet: [
    ['System.Reflection!CustomAttribute.AddCustomAttributes', 'System.Reflection'],
    ['System!Attribute.InternalIsDefined', 'System'],
    [
      'Microsoft.AspNetCore.Mvc.Infrastructure!ControllerActionInvoker.InvokeNextActionFilterAsync',
      'Microsoft.AspNetCore.Mvc.Infrastructure',
    ],
    ['System.Linq!Utilities.<>c__DisplayClass1_0<TSource>.<CombinePredicates>b__0', 'System.Linq'],
    ['System.Collections.Generic.List`1.Add', 'System.Collections.Generic'],
    ['Example.Program.Main', 'Example'],
  ],
  node: [
    ['./node_modules/express/lib/router/index.js:handle:284', 'express'],
    ['/app/node_modules/@pyroscope/nodejs/dist/cjs/index.js:startProfiling:12', '@pyroscope/nodejs'],
    ['/app/src/server.js:flowAdv:31', '/app/src'],
    ['handle (/srv/api/routes/users.ts:10:5)', '/srv/api/routes'],
    ['node:internal/timers:listOnTimeout:569', 'node:internal'],
    ['(anonymous)', '(anonymous)'],
    ['(garbage collector)', '(garbage collector)'],
  ],
  python: [
    ['/usr/lib/python3.11/threading.py:_bootstrap', '/usr/lib/python3.11'],
    ['lib/python3.9/site-packages/requests/sessions.py:send', 'lib/python3.9/site-packages/requests'],
    ['main.py:work', 'main'],
    ['work (/app/main.py:12)', '/app'],
    ['/app/server.py:42 - index', '/app'],
    ['requests.sessions:send', 'requests'],
    ['app:main', 'app'],
  ],
  rust: [
    ['tokio::runtime::task::harness::Harness<T,S>::poll', 'tokio::runtime::task::harness'],
    ['std::thread::local::LocalKey<T>::with', 'std::thread::local'],
    ['<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop', 'alloc::vec'],
    ['hyper::proto::h1::dispatch::Dispatcher<D,Bs,I,T>::poll_loop::{{closure}}', 'hyper::proto::h1::dispatch'],
    ['myapp::handlers::checkout::h0123456789abcdef', 'myapp::handlers'],
    ['main', 'main'],
  ],
};

describe('packageOf', () => {
  for (const [language, list] of Object.entries(cases)) {
    it(`extracts ${language} packages`, () => {
      expect(list.map(([name]) => [name, packageOf(name)])).toEqual(list);
    });
  }

  it('recognises the language of a name by its shape', () => {
    expect(detectLanguage('runtime.mallocgc')).toBe('go');
    expect(detectLanguage('net/http.(*conn).serve')).toBe('go');
    expect(detectLanguage('java/util/regex/Pattern$Slice.match')).toBe('java');
    expect(detectLanguage('System!Buffer.Memmove')).toBe('dotnet');
    expect(detectLanguage('/app/main.py:work')).toBe('python');
    expect(detectLanguage('(anonymous)')).toBe('node');
    expect(detectLanguage('tokio::spawn')).toBe('rust');
    expect(detectLanguage('gcWriteBarrier')).toBe('other');
  });

  it('applies a forced language to every name', () => {
    expect(packageOf('onlookup', 'node')).toBe('onlookup');
    expect(packageOf('Readable.removeListener', 'node')).toBe('Readable');
    expect(packageOf('java.util.HashMap.put', 'java')).toBe('java.util');
    expect(packageOf('System.Threading.Thread.Sleep', 'dotnet')).toBe('System.Threading');
    expect(packageOf('kafka/log/LogSegment.append', 'java')).toBe('kafka/log');
    expect(packageOf('runtime.main', 'go')).toBe('runtime');
  });

  it('uses the whole name when no package can be found', () => {
    expect(packageOf('gcWriteBarrier')).toBe('gcWriteBarrier');
    expect(packageOf('.updateBytesCRC32C')).toBe('.updateBytesCRC32C');
    expect(packageOf('')).toBe('');
  });
});

describe('detectLanguage on long names without a file extension', () => {
  it('reads a long Go name as Go (the file-extension regexes are skipped for it; see npm run bench)', () => {
    expect(detectLanguage(`github.com/${'a'.repeat(2000)}/pkg.(*T).Method`)).toBe('go');
    expect(detectLanguage('app/handler.py:handle')).toBe('python');
    expect(detectLanguage('handle (/srv/app/handler.ts:12:3)')).toBe('node');
  });
});

describe('detectLanguage guards (a substring or character check before each regex)', () => {
  it('still finds what only a regex after a guard can find', () => {
    // PY_MODULE and node: built-ins need a colon; the bare-parentheses rule needs "(" first.
    expect(detectLanguage('requests.sessions:send')).toBe('python');
    expect(detectLanguage('processTicksAndRejections node:internal/process/task_queues')).toBe('node');
    expect(packageOf('processTicksAndRejections node:internal/process/task_queues')).toBe('node:internal/process');
    expect(detectLanguage('(garbage collector)')).toBe('node');
    expect(detectLanguage('a::b:c')).toBe('rust');
  });

  it('leaves alone what only looks like a guarded shape', () => {
    expect(detectLanguage('(first\nsecond)')).not.toBe('node');
    expect(detectLanguage('x(anonymous)')).not.toBe('node');
    expect(detectLanguage('nodes.Select')).toBe('go');
    expect(detectLanguage('Émile.Method')).toBe('go');
    expect(detectLanguage('Zeta.Method.Call')).toBe('dotnet');
    expect(detectLanguage('com/acme/$Proxy12.invoke')).toBe('java');
    expect(detectLanguage('com/acme/proxy.invoke')).toBe('go');
  });
});
