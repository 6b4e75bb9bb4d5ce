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

// ---- The generators' host functions (GeneratedImports.java): the same deterministic hash of the
// arguments, so a module that imports them runs here as it does on the JVM engines. JavaScript
// cannot ask a module for its imports' signatures, so they are read from the binary.

const U64 = x => BigInt.asUintN(64, x);

function mix(z) {
  z = U64((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n);
  z = U64((z ^ (z >> 27n)) * 0x94D049BB133111EBn);
  return z ^ (z >> 31n);
}

function javaHash(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

function argBits(type, x) {
  const view = new DataView(new ArrayBuffer(8));
  switch (type) {
    case 0x7f: return U64(BigInt(x | 0));
    case 0x7e: return U64(BigInt(x));
    case 0x7d:
      if (Number.isNaN(x)) return 0x7FC00000n;
      view.setFloat32(0, x);
      return U64(BigInt(view.getInt32(0)));
    case 0x7c:
      if (Number.isNaN(x)) return 0x7FF8000000000000n;
      view.setFloat64(0, x);
      return view.getBigUint64(0);
    default: return 0n;
  }
}

function resultOf(type, h) {
  const view = new DataView(new ArrayBuffer(8));
  switch (type) {
    case 0x7f: return Number(BigInt.asIntN(32, h));
    case 0x7e: return BigInt.asIntN(64, h);
    case 0x7d: view.setUint32(0, Number(h & 0xFFFFFFFFn)); return view.getFloat32(0); // a NaN is canonical either way
    case 0x7c: view.setBigUint64(0, h); return view.getFloat64(0);
    default: return null;
  }
}

function hostFunction(name, type) {
  const salt = U64(BigInt(javaHash(name)) * 0x9E3779B97F4A7C15n);
  return (...args) => {
    let h = mix(salt ^ BigInt(args.length));
    args.forEach((a, i) => { h = mix(h ^ argBits(type.params[i], a)); });
    const results = type.results.map((t, i) => resultOf(t, mix(U64(h + BigInt(i + 1)))));
    return results.length === 1 ? results[0] : results.length === 0 ? undefined : results;
  };
}

// The function types of the imports from module "gen", by name, from the type and import sections.
function generatedImports(bytes) {
  const b = new Uint8Array(bytes);
  let at = 8;
  const u32 = () => { let r = 0, shift = 0, byte; do { byte = b[at++]; r |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80); return r >>> 0; };
  const u64skip = () => { while (b[at++] & 0x80) { /* skip */ } };
  const name = () => { const n = u32(); const s = new TextDecoder().decode(b.subarray(at, at + n)); at += n; return s; };
  const types = [];
  const functions = {};
  while (at < b.length) {
    const id = b[at++];
    const size = u32();
    const end = at + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        if (b[at++] !== 0x60) return functions; // not a plain function type: nothing the generators make
        const params = []; for (let k = u32(); k > 0; k--) params.push(b[at++]);
        const results = []; for (let k = u32(); k > 0; k--) results.push(b[at++]);
        types.push({params, results});
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const module = name(), field = name(), kind = b[at++];
        if (kind === 0) { const t = types[u32()]; if (module === 'gen') functions[field] = t; }
        else if (kind === 1) { at++; const flags = b[at++]; u64skip(); if (flags & 1) u64skip(); }
        else if (kind === 2) { const flags = b[at++]; u64skip(); if (flags & 1) u64skip(); }
        else if (kind === 3) { at += 2; }
        else return functions;
      }
      return functions;
    }
    at = end;
  }
  return functions;
}

function importObject(bytes) {
  const gen = {};
  for (const [field, type] of Object.entries(generatedImports(bytes))) gen[field] = hostFunction(field, type);
  return {gen};
}

// The outcome of instantiating and of each call, in order.
async function runCalls(bytes, calls) {
  let instance;
  try {
    instance = (await WebAssembly.instantiate(bytes, importObject(bytes))).instance;
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
