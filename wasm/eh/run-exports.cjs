// The oracle for the legacy exception-handling translation: runs every export of a module (no arguments) in Node's
// V8, which runs the legacy instructions natively, and prints one JSON object: export -> number, "exception"
// (a Wasm exception left the module) or "trap". Each export runs on a fresh instance.
//   node run-exports.cjs module.wasm
const fs = require('fs');
const wasm = new WebAssembly.Module(fs.readFileSync(process.argv[2]));
const results = {};
for (const { name, kind } of WebAssembly.Module.exports(wasm)) {
  if (kind !== 'function') continue;
  const instance = new WebAssembly.Instance(wasm, {});
  try {
    results[name] = instance.exports[name]();
  } catch (e) {
    results[name] = (typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception) ? 'exception' : 'trap';
  }
}
console.log(JSON.stringify(results));
