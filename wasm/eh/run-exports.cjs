// The oracle for the legacy exception-handling translation: runs every export of each module (no arguments) in
// Node's V8, which runs the legacy instructions natively, and prints one JSON line per module: export -> number,
// "exception" (a Wasm exception left the module) or "trap"; when the module exports a global "trace", its value after
// the call follows as "@value". Each export runs on a fresh instance.
//   node run-exports.cjs module.wasm...
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const wasm = new WebAssembly.Module(fs.readFileSync(file));
  const results = {};
  for (const { name, kind } of WebAssembly.Module.exports(wasm)) {
    if (kind !== 'function') continue;
    const instance = new WebAssembly.Instance(wasm, {});
    let outcome;
    try {
      outcome = String(instance.exports[name]());
    } catch (e) {
      outcome = (typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception) ? 'exception' : 'trap';
    }
    results[name] = instance.exports.trace ? `${outcome}@${instance.exports.trace.value}` : outcome;
  }
  console.log(JSON.stringify(results));
}
