// Runs a recorded call sequence on the JavaScript engine's own WebAssembly: V8 under Node.js
// (third opinions of `flint replay` and `flint fuzz`) and the browser (report pages).
// Values travel as {type, value} with floats as hex bit patterns (see JsonValue.java).
// Node: node [--liftoff-only|--no-liftoff] wasm-runner.js repro.wasm calls.json  -> one JSON object on stdout:
// {instantiate, calls: [outcome per call], states: [state digest after instantiating and after each call]}
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

// The trapping instruction's opcode (hex, with the sub-opcode after a 0xFC prefix), read at the
// module offset of the innermost Wasm frame of the stack trace: V8 words some traps alike for
// different instructions ("table index is out of bounds": call_indirect and table.init both).
// Only Liftoff reports the instruction itself; TurboFan may report the start of the function.
const PRECISE_TRAP_SITES = typeof process !== 'undefined' && process.execArgv.includes('--liftoff-only');

function trapSite(e, bytes) {
  if (!PRECISE_TRAP_SITES) return undefined;
  const m = /wasm-function\[\d+\]:0x([0-9a-f]+)/.exec(String(e.stack || ''));
  if (!m || !bytes) return undefined;
  const at = parseInt(m[1], 16), b = new Uint8Array(bytes);
  if (at >= b.length) return undefined;
  const hex = x => x.toString(16).padStart(2, '0');
  return b[at] === 0xfc && at + 1 < b.length ? 'fc' + hex(b[at + 1]) : hex(b[at]);
}

function describe(e, bytes) {
  if (e instanceof WebAssembly.RuntimeError) {
    const at = trapSite(e, bytes);
    return at === undefined ? {trap: e.message} : {trap: e.message, at};
  }
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

// What the runner needs of the module's structure, read from the binary: the function types of
// the imports from module "gen" (by name), the types of the globals (by index), how many memories,
// the exports, and where each section lies. `complete` says whether the whole binary was read.
const VAL_TYPES = {0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128'};

function readModule(bytes) {
  const b = new Uint8Array(bytes);
  const info = {functions: {}, globals: [], memories: 0, exports: [], sections: [], complete: false};
  let at = 8;
  const u32 = () => { let r = 0, shift = 0, byte; do { byte = b[at++]; r |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80); return r >>> 0; };
  const skipLeb = () => { while (b[at++] & 0x80) { /* skip */ } };
  const name = () => { const n = u32(); const s = new TextDecoder().decode(b.subarray(at, at + n)); at += n; return s; };
  // numeric and vector types by name; every reference type is 'ref' (compared by nullness only)
  const valType = () => { const t = b[at++]; if (t === 0x63 || t === 0x64) skipLeb(); return VAL_TYPES[t] || 'ref'; };
  const limits = () => { const flags = b[at++]; skipLeb(); if (flags & 1) skipLeb(); if (flags & 8) skipLeb(); };
  const constExpr = () => {
    for (;;) {
      const op = b[at++];
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2 || op === 0xd0) skipLeb();
      else if (op === 0x43) at += 4;
      else if (op === 0x44) at += 8;
      else if (op === 0xfd) { if (u32() !== 12) throw new Error('constant expression'); at += 16; }
      else if (op === 0xfb) {
        const sub = u32();
        if (sub === 0 || sub === 1 || sub === 6 || sub === 7) skipLeb();
        else if (sub === 8) { skipLeb(); skipLeb(); }
        else if (sub !== 26 && sub !== 27 && sub !== 28) throw new Error('constant expression');
      } else if (![0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e].includes(op)) throw new Error('constant expression');
    }
  };
  const types = [];
  let plainTypes = true;
  try {
    while (at < b.length) {
      const headerStart = at;
      const id = b[at++];
      const size = u32();
      const contentStart = at;
      const end = at + size;
      info.sections.push({id, headerStart, contentStart, end});
      if (id === 1) {
        for (let n = u32(); n > 0 && plainTypes; n--) {
          if (b[at++] !== 0x60) { plainTypes = false; break; } // not a plain function type: nothing the generators make
          const params = []; for (let k = u32(); k > 0; k--) params.push(b[at++]);
          const results = []; for (let k = u32(); k > 0; k--) results.push(b[at++]);
          types.push({params, results});
        }
      } else if (id === 2) {
        for (let n = u32(); n > 0; n--) {
          const module = name(), field = name(), kind = b[at++];
          if (kind === 0) { const t = types[u32()]; if (module === 'gen' && plainTypes && t) info.functions[field] = t; }
          else if (kind === 1) { valType(); limits(); }
          else if (kind === 2) { limits(); info.memories++; }
          else if (kind === 3) { info.globals.push(valType()); at++; }
          else if (kind === 4) { at++; skipLeb(); }
          else throw new Error('import kind ' + kind);
        }
      } else if (id === 5) {
        info.memories += u32();
      } else if (id === 6) {
        for (let n = u32(); n > 0; n--) { info.globals.push(valType()); at++; constExpr(); }
      } else if (id === 7) {
        for (let n = u32(); n > 0; n--) { const field = name(); const kind = b[at++]; info.exports.push({name: field, kind, index: u32()}); }
      }
      at = end;
    }
    info.complete = at === b.length;
  } catch (e) {
    // a part of the module that cannot be read: the state then says '?' where it depends on it
  }
  return info;
}

// The function types of the imports from module "gen", by name.
function generatedImports(bytes) {
  return readModule(bytes).functions;
}

function importObject(bytes, info) {
  const gen = {};
  for (const [field, type] of Object.entries((info || readModule(bytes)).functions)) gen[field] = hostFunction(field, type);
  return {gen};
}

// ---- The state the oracle compares (EngineState.java), as the same digest text EngineState.digest()
// makes: "pages=1 memory=fnv:<16 hex> globals=g0:i32:5,g1:f32:0x7fc00000 tables=t0:3:101" ("memory=none"
// without a memory). Names are escaped (escapeName), values written as results are (fromJs), a
// reference as ref:null or ref:ref, and '?' stands for what JavaScript cannot read (a v128 global,
// an unexported memory the runner could not export itself).

function uleb(n) {
  const out = [];
  do { let byte = n & 0x7f; n >>>= 7; if (n !== 0) byte |= 0x80; out.push(byte); } while (n !== 0);
  return out;
}

function concatBytes(...parts) {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// The module with one more export, of memory 0 under `field`: JavaScript sees only exported memories.
function withMemoryExport(bytes, info, field) {
  const b = new Uint8Array(bytes);
  const nameBytes = new TextEncoder().encode(field);
  const entry = Uint8Array.from([...uleb(nameBytes.length), ...nameBytes, 0x02, 0x00]);
  const section = info.sections.find(s => s.id === 7);
  let content, cut, resume;
  if (section) {
    let at = section.contentStart, count = 0, shift = 0, byte;
    do { byte = b[at++]; count |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    content = concatBytes(Uint8Array.from(uleb((count >>> 0) + 1)), b.subarray(at, section.end), entry);
    cut = section.headerStart;
    resume = section.end;
  } else {
    // after import, function, table, memory, tag and global sections; before start, element, data count, code, data
    const later = info.sections.find(s => [8, 9, 12, 10, 11].includes(s.id));
    cut = resume = later ? later.headerStart : b.length;
    content = concatBytes(Uint8Array.from(uleb(1)), entry);
  }
  return concatBytes(b.subarray(0, cut), Uint8Array.from([7, ...uleb(content.length)]), content, b.subarray(resume));
}

// 64-bit FNV-1a (EngineState.Memory.hash) in two 32-bit halves: h * 0x100000001b3 = h * 0x1b3 + (h << 40).
function fnv1a64(bytes) {
  let hi = 0xcbf29ce4, lo = 0x84222325;
  for (let i = 0, n = bytes.length; i < n; i++) {
    lo = (lo ^ bytes[i]) >>> 0;
    const t = lo * 0x1b3; // < 2^41: exact
    const tlo = t >>> 0;
    hi = (hi * 0x1b3 + (t - tlo) / 4294967296 + (lo << 8)) >>> 0;
    lo = tlo;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

// Export names as EngineState.escapeName: UTF-8 bytes outside [A-Za-z0-9_.-] as %XX.
function escapeName(text) {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.-]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

// A float global's exact bits. JavaScript reads a NaN global as a canonical NaN, so a tiny module
// imports the global and returns it reinterpreted as an integer (tried immutable, then mutable:
// the JS API does not say which the global is).
function floatBits(type, global) {
  const f32 = type === 'f32';
  const body = [0x00, 0x23, 0x00, f32 ? 0xbc : 0xbd, 0x0b];
  for (const mutable of [0, 1]) {
    const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      0x01, 0x05, 0x01, 0x60, 0x00, 0x01, f32 ? 0x7f : 0x7e,
      0x02, 0x08, 0x01, 0x01, 0x6d, 0x01, 0x67, 0x03, f32 ? 0x7d : 0x7c, mutable,
      0x03, 0x02, 0x01, 0x00,
      0x07, 0x05, 0x01, 0x01, 0x62, 0x00, 0x00,
      0x0a, body.length + 2, 0x01, body.length, ...body]);
    try {
      const bits = new WebAssembly.Instance(new WebAssembly.Module(bytes), {m: {g: global}}).exports.b();
      return f32 ? hex(bits >>> 0, 8) : hex(BigInt.asUintN(64, bits), 16);
    } catch (e) {
      // the other mutability
    }
  }
  return fromJs(type, global.value).value;
}

function globalText(type, global) {
  try {
    if (type === 'ref') return 'ref:' + (global.value === null ? 'null' : 'ref');
    if (type === 'f32' || type === 'f64') return type + ':' + floatBits(type, global);
    if (type in {i32: 1, i64: 1, f32: 1, f64: 1}) return type + ':' + fromJs(type, global.value).value;
  } catch (e) {
    // a value JavaScript may not touch
  }
  return (type || '?') + ':?';
}

function tableText(table) {
  const size = Number(table.length);
  let nulls = '';
  try {
    for (let i = 0, n = Math.min(size, 4096); i < n; i++) nulls += table.get(i) === null ? '0' : '1';
  } catch (e) {
    nulls = '?';
  }
  return size + ':' + nulls;
}

// With a window (the start of the bytes around a memory divergence, EngineState.digest(long)):
// those bytes too, and the hash of memory with them zeroed.
function stateOf(instance, info, memoryField, window) {
  const parts = [];
  const memory = memoryField === null ? undefined : instance.exports[memoryField];
  if (memory instanceof WebAssembly.Memory) {
    const bytes = new Uint8Array(memory.buffer);
    parts.push('pages=' + bytes.length / 65536, 'memory=fnv:' + fnv1a64(bytes));
    if (window >= 0 && window < bytes.length) {
      const to = Math.min(bytes.length, window + 16);
      const outside = bytes.slice();
      outside.fill(0, window, to);
      const hex = Array.from(bytes.subarray(window, to), x => x.toString(16).padStart(2, '0')).join('');
      parts.push('window=' + window + ':' + hex, 'outside=fnv:' + fnv1a64(outside));
    }
  } else {
    parts.push(info.complete && info.memories === 0 ? 'memory=none' : 'memory=?');
  }
  const globals = [], tables = [];
  for (const e of info.exports) {
    if (e.kind === 3) globals.push(escapeName(e.name) + ':' + globalText(info.globals[e.index], instance.exports[e.name]));
    if (e.kind === 1) tables.push(escapeName(e.name) + ':' + tableText(instance.exports[e.name]));
  }
  parts.push('globals=' + globals.join(','), 'tables=' + tables.join(','));
  return parts.join(' ');
}

// The outcome of instantiating and of each call, in order; and the state after each of those steps
// (states[0] after instantiating, states[k] after call k).
async function runCalls(bytes, calls, window = -1) {
  const info = readModule(bytes);
  let memoryField = null;
  if (info.memories > 0) {
    const exported = info.exports.find(e => e.kind === 2 && e.index === 0);
    if (exported) {
      memoryField = exported.name;
    } else if (info.complete) {
      memoryField = 'flint:memory';
      while (info.exports.some(e => e.name === memoryField)) memoryField += '_';
      bytes = withMemoryExport(bytes, info, memoryField);
    }
  }
  let instance;
  try {
    instance = (await WebAssembly.instantiate(bytes, importObject(bytes, info))).instance;
  } catch (e) {
    return {instantiate: describe(e, bytes), calls: [], states: []};
  }
  const state = () => { try { return stateOf(instance, info, memoryField, window); } catch (e) { return 'error: ' + e; } };
  const outcomes = [];
  const states = [state()];
  for (const call of calls) {
    try {
      const f = instance.exports[call.export];
      const r = f(...call.args.map(toJs));
      const values = call.results.length === 1 ? [r] : call.results.length === 0 ? [] : Array.from(r);
      outcomes.push({returned: values.map((x, i) => fromJs(call.results[i], x))});
    } catch (e) {
      outcomes.push(describe(e, bytes));
    }
    states.push(state());
  }
  return {instantiate: {instantiated: true}, calls: outcomes, states};
}

if (typeof module !== 'undefined' && typeof require !== 'undefined' && require.main === module) {
  const fs = require('fs');
  const bytes = fs.readFileSync(process.argv[2]);
  const calls = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  runCalls(bytes, calls, process.argv[4] === undefined ? -1 : Number(process.argv[4])).then(
      r => process.stdout.write(JSON.stringify(r) + '\n'),
      e => { process.stdout.write(JSON.stringify({error: String(e)}) + '\n'); });
}
