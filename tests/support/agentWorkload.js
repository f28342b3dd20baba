// A small Node service profiled by the real @pyroscope/nodejs agent, for the agent integration test.
// Usage: node agentWorkload.js <serverAddress> <appName> <runMs>
// Its hot function, flowAdvJsonRoundTrip, serialises and re-parses a dynamic structure inside a loop.
const Pyroscope = require('@pyroscope/nodejs');

const [serverAddress, appName, runMs] = process.argv.slice(2);

function flowAdvJsonRoundTrip(iterations) {
  let checksum = 0;
  for (let i = 0; i < iterations; i++) {
    const doc = { id: i, tags: ['a', 'b', String(i)], nested: { values: Array.from({ length: 20 }, (_, k) => k * i) } };
    checksum += JSON.parse(JSON.stringify(doc)).nested.values.length;
  }
  return checksum;
}

async function main() {
  Pyroscope.init({
    serverAddress,
    appName,
    flushIntervalMs: 1000,
    tags: { env: 'agent-test' },
    wall: { collectCpuTime: true },
  });
  Pyroscope.start();
  const end = Date.now() + Number(runMs);
  while (Date.now() < end) {
    flowAdvJsonRoundTrip(200);
    // Yield so the agent's timers can upload.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Pyroscope.stop();
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`workload failed: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  }
);
