// hb bench compute's ao-loader row: the real @permaweb/ao-loader (the legacy compute unit's loader) running a JSON-interface
// module on the same Count message N times, as the unit runs a process: each call gets the memory the last one returned.
// argv: <module.wasm> <format> <warmup seconds> <measured seconds>
// out (stdout, one JSON object): { calls, seconds, count, memory }   (count: the counter's reply to the last call)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// ao-loader makes every clock in the process deterministic (performance.now, Date.now and process.hrtime count calls):
// keep the real one before loading it.
const hrtime = process.hrtime.bigint;
const now = () => Number(hrtime()) / 1e6;
const AoLoader = createRequire(import.meta.url)("@permaweb/ao-loader");
const [wasmPath, format, warmup, measured] = process.argv.slice(2);
const handle = await AoLoader(readFileSync(wasmPath), { format, memoryLimit: "1-gb", computeLimit: 9e12 });
const owner = "bench-owner-address-000000000000000000000000";
const env = { Process: { Id: "bench-process-00000000000000000000000000000", Owner: owner, Tags: [{ name: "Name", value: "bench" }] }, Module: { Id: "bench-module" } };
const message = (n) => ({
  Id: `bench-message-${n}`, Owner: owner, Target: env.Process.Id, Anchor: "", From: owner,
  Tags: [{ name: "Action", value: "Count" }, { name: "Data-Protocol", value: "ao" }, { name: "Type", value: "Message" }],
  Data: "", Module: "bench-module", "Block-Height": "1000", Timestamp: String(1_700_000_000_000 + n), Cron: false,
});

let memory = null;
let calls = 0;
let last = null;
async function runFor(seconds) {
  const until = now() + seconds * 1000;
  let n = 0;
  while (now() < until) {
    // Reading the clock is cheap next to a call; batches keep it out of the measure anyway.
    for (let i = 0; i < 20; i++) {
      const result = await handle(memory, message(calls), env);
      memory = result.Memory;
      last = result;
      calls++;
      n++;
    }
  }
  return n;
}
await runFor(Number(warmup));
const started = now();
const n = await runFor(Number(measured));
const seconds = (now() - started) / 1000;
process.stdout.write(JSON.stringify({ calls: n, seconds, count: last?.Output?.data ?? null, memory: memory?.byteLength ?? 0 }));
