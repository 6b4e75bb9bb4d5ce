// One benchmark trial on V8, run by `flint bench` as
//   node --single-threaded --no-wasm-lazy-compilation (--liftoff-only | --no-liftoff) v8-runner.js FILE EXPORT WARMUP REPS
// Prints one line of JSON on stdout: compile time (WebAssembly.compile of the bytes), first-run
// time (compile + instantiate + the first call), the checksum, and the timed calls after warm-up.
// --single-threaded keeps compilation on this thread, so the time is single-thread work;
// --no-wasm-lazy-compilation makes WebAssembly.compile compile every function, as Flint does.
'use strict';
const fs = require('fs');
const { performance } = require('perf_hooks');

async function main() {
  const [file, exportName, warmupText, repsText] = process.argv.slice(2);
  const warmup = Number(warmupText), reps = Number(repsText);
  const bytes = fs.readFileSync(file);
  const start = performance.now();
  const module = await WebAssembly.compile(bytes);
  const compiled = performance.now();
  const instance = await WebAssembly.instantiate(module, {});
  const run = instance.exports[exportName];
  if (typeof run !== 'function') throw new Error('no exported function ' + exportName);
  const checksum = run();
  const firstRun = performance.now();
  for (let i = 0; i < warmup; i++) run();
  const execMs = [];
  for (let i = 0; i < reps; i++) {
    const before = performance.now();
    const result = run();
    execMs.push(performance.now() - before);
    if (result !== checksum) throw new Error('checksum changed between calls: ' + checksum + ' then ' + result);
  }
  process.stdout.write(JSON.stringify({
    v8: process.versions.v8,
    compileMs: compiled - start,
    firstRunMs: firstRun - start,
    checksum: checksum,
    execMs: execMs,
  }) + '\n');
}

main().catch(e => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
