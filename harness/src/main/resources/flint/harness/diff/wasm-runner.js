// Runs a recorded call sequence on the JavaScript engine's own WebAssembly: V8 under Node.js
// (third opinions of `flint replay` and `flint fuzz`) and the browser (report pages).
// Values travel as {type, value} with floats as hex bit patterns (see JsonValue.java).
// Node: node [--liftoff-only|--no-liftoff] wasm-runner.js repro.wasm calls.json  -> one JSON object on stdout
'use strict';

function toJs(v) {
  const view = new DataView(new ArrayBuffer(8));
  switch (v.type) {
    case 'i32': return Number(v.value) | 0;
    case 'i64': return BigInt.asIntN(64, BigInt(v.value));
    case 'f32': view.setUint32(0, Number(BigInt(v.value))); return view.getFloat32(0);
    case 'f64': view.setBigUint64(0, BigInt(v.value)); return view.getFloat64(0);
    default: return null; // references: only null can be made engine-neutrally
  }
}

function hex(n, digits) {
  return '0x' + n.toString(16).padStart(digits, '0');
}

function fromJs(type, x) {
  const view = new DataView(new ArrayBuffer(8));
  switch (type) {
    case 'i32': return {type, value: String(x | 0)};
    case 'i64': return {type, value: String(BigInt.asIntN(64, x))};
    case 'f32': view.setFloat32(0, x); return {type, value: hex(view.getUint32(0), 8)};
    case 'f64': view.setFloat64(0, x); return {type, value: hex(view.getBigUint64(0), 16)};
    default: return {type, value: x === null ? 'null' : 'ref'};
  }
}

function describe(e) {
  if (e instanceof WebAssembly.RuntimeError) return {trap: e.message};
  if (e instanceof RangeError && /call stack/i.test(e.message)) return {trap: 'call stack exhausted'};
  if (e instanceof WebAssembly.CompileError) return {rejected: e.message};
  if (e instanceof WebAssembly.LinkError) return {link: e.message};
  return {error: String(e)};
}

// The outcome of instantiating and of each call, in order.
async function runCalls(bytes, calls) {
  let instance;
  try {
    instance = (await WebAssembly.instantiate(bytes, {})).instance;
  } catch (e) {
    return {instantiate: describe(e), calls: []};
  }
  const outcomes = [];
  for (const call of calls) {
    try {
      const f = instance.exports[call.export];
      const r = f(...call.args.map(toJs));
      const values = call.results.length === 1 ? [r] : call.results.length === 0 ? [] : Array.from(r);
      outcomes.push({returned: values.map((x, i) => fromJs(call.results[i], x))});
    } catch (e) {
      outcomes.push(describe(e));
    }
  }
  return {instantiate: {instantiated: true}, calls: outcomes};
}

if (typeof module !== 'undefined' && typeof require !== 'undefined' && require.main === module) {
  const fs = require('fs');
  const bytes = fs.readFileSync(process.argv[2]);
  const calls = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  runCalls(bytes, calls).then(
      r => process.stdout.write(JSON.stringify(r) + '\n'),
      e => { process.stdout.write(JSON.stringify({error: String(e)}) + '\n'); });
}
