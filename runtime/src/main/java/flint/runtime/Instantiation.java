package flint.runtime;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.compiler.Abi;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.runtime.link.HostCallThunk;
import flint.runtime.memory.LinearMemory;
import flint.runtime.table.TableArray;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.FuncType;
import flint.wasm.model.RefType;
import flint.wasm.model.Import;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of instantiation, in the spec's order: resolve and check every import (so a link
 * error leaves nothing behind), build the vmctx (function records, type ids, memories, globals,
 * tables) and evaluate the element segments, then, once the instance exists, apply the active
 * element segments, then the active data segments, and run the start function. A trap in the last
 * three fails instantiation, but what it already wrote to imported tables and memories stays, as
 * the spec says.
 */
final class Instantiation {

    private Instantiation() {}

    /**
     * Resolves the imports and builds the instance's native state.
     *
     * @throws UnlinkableException if an import is missing or does not match
     * @throws IllegalArgumentException if an import belongs to another store
     * @throws UnsupportedOperationException if the module needs what the runtime lacks (tags)
     */
    static InstanceState link(NativeStore store, NativeModule module, ImportResolver resolver) {
        var wasm = module.compiled().module();
        requireSupported(wasm);
        var imports = resolve(store, wasm, resolver);
        var state = new InstanceState(store, module);
        try {
            wire(state, imports);
            defineFunctionRecords(state, wasm);
            state.register(); // before anything evaluates a ref.func to its record
            defineTypeIds(state, wasm);
            defineMemories(state, wasm);
            defineGlobals(state, wasm);
            defineTables(state, wasm);
            evaluateElementSegments(state, wasm);
            state.dataSegments = wasm.data().stream().map(segment -> segment.bytes()).toArray(byte[][]::new);
        } catch (RuntimeException | Error e) {
            state.release();
            throw e;
        }
        if (mayLeakFunctionReferences(wasm)) {
            store.retain(state);
        }
        return state;
    }

    /**
     * Whether a reference to one of the module's functions can end up outside the instance: only
     * through a table, a global, an element segment, or a reference-typed parameter or result
     * (references cannot be stored to linear memory).
     */
    private static boolean mayLeakFunctionReferences(WasmModule wasm) {
        if (!wasm.elements().isEmpty() || !wasm.tableTypes().isEmpty()) {
            return true;
        }
        if (wasm.globalTypes().stream().anyMatch(g -> g.type() instanceof RefType)) {
            return true;
        }
        return wasm.types().stream().anyMatch(t -> t.params().stream().anyMatch(RefType.class::isInstance)
                || t.results().stream().anyMatch(RefType.class::isInstance));
    }

    /** Applies the active element and data segments, then runs the start function. */
    static void initialize(NativeInstance instance, InstanceState state) {
        var wasm = state.module.compiled().module();
        var elements = wasm.elements();
        for (int i = 0; i < elements.size(); i++) {
            switch (elements.get(i).mode()) {
                case ElementSegment.Active(int table, var offsetExpr) -> {
                    var bits = state.elementSegments[i];
                    var array = state.tables.get(table).array();
                    long offset = address(evaluate(state, offsetExpr));
                    if (!array.inBounds(offset, bits.length)) {
                        throw new TrapException(TrapCode.OUT_OF_BOUNDS_TABLE);
                    }
                    array.write(offset, bits, 0, bits.length);
                    state.elemDrop(i);
                }
                case ElementSegment.Declarative d -> state.elemDrop(i);
                case ElementSegment.Passive p -> { }
            }
        }
        var data = wasm.data();
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).mode() instanceof DataSegment.Active(int memory, var offsetExpr)) {
                long offset = address(evaluate(state, offsetExpr));
                write(state.memory(memory), offset, data.get(i).bytes());
                state.dataDrop(i);
            }
        }
        if (wasm.start().isPresent()) {
            instance.function(wasm.start().getAsInt()).call(List.of());
        }
    }

    private static long address(Value offset) {
        return switch (offset) {
            case Value.I32(int v) -> Integer.toUnsignedLong(v);
            case Value.I64(long v) -> v;
            case Value other -> throw new IllegalStateException("segment offset " + other);
        };
    }
    private static void requireSupported(WasmModule wasm) {
        for (var table : wasm.tableTypes()) {
            if (!ValueCodec.supports(table.elementType())) {
                throw new UnsupportedOperationException("tables of " + table.elementType().text()
                        + " are not supported by the native runtime");
            }
        }
        if (!wasm.tagTypes().isEmpty()) {
            throw new UnsupportedOperationException("tags (exception handling) are not supported by the native runtime");
        }
        for (var global : wasm.globalTypes()) {
            if (!ValueCodec.supports(global.type())) {
                throw new UnsupportedOperationException("globals of " + global.type().text()
                        + " are not supported by the native runtime");
            }
        }
    }

    private static List<Extern> resolve(NativeStore store, WasmModule wasm, ImportResolver resolver) {
        var externs = new ArrayList<Extern>(wasm.imports().size());
        for (var imp : wasm.imports()) {
            var extern = resolver.resolve(imp)
                    .orElseThrow(() -> new UnlinkableException(UnlinkableException.Kind.UNKNOWN_IMPORT, name(imp)));
            var owner = switch (extern) {
                case HostFunction h -> null;
                case InstanceFunction f -> f.state;
                case NativeMemory m -> m.state;
                case NativeGlobal g -> g.state;
                case NativeTable t -> t.state;
            };
            if (owner != null && owner.store != store) {
                throw new IllegalArgumentException("import " + name(imp) + " belongs to another store: a trap could"
                        + " not unwind across stores");
            }
            var mismatch = ImportTypes.mismatch(wasm, imp, extern);
            if (mismatch != null) {
                throw new UnlinkableException(UnlinkableException.Kind.INCOMPATIBLE_IMPORT_TYPE, name(imp) + ": " + mismatch);
            }
            externs.add(extern);
        }
        return externs;
    }

    private static String name(Import imp) {
        return imp.module() + "." + imp.name();
    }

    /** Fills the vmctx entries of the imports and leases their instances. */
    private static void wire(InstanceState state, List<Extern> imports) {
        var layout = state.layout;
        var vmctx = state.vmctx;
        for (var extern : imports) {
            switch (extern) {
                case HostFunction host -> {
                    var record = HostCallThunk.allocateRecord(state.arena, state.store.execContext(),
                            state.store.hostStub(host), vmctx);
                    setFunctionRecord(state, state.importedFunctions.size(), HostCallThunk.address(), record.address(),
                            host.type());
                    state.importedFunctions.add(host);
                }
                case InstanceFunction function -> {
                    setFunctionRecord(state, state.importedFunctions.size(), function.codeAddress(),
                            function.state.vmctx.address(), function.type());
                    state.lease(function.state);
                    state.importedFunctions.add(function);
                }
                case NativeTable table -> {
                    vmctx.set(JAVA_LONG, layout.table(state.tables.size()), table.array().definitionAddress());
                    state.tables.add(table.table());
                    state.lease(table.state);
                    state.importedTables.add(table);
                }
                case NativeMemory memory -> {
                    addMemory(state, new InstanceState.Memory(memory.linearMemory(), memory.type()));
                    state.lease(memory.state);
                    state.importedMemories.add(memory);
                }
                case NativeGlobal global -> {
                    var slot = global.global();
                    vmctx.set(JAVA_LONG, layout.global(state.globals.size()), slot.cell().address());
                    state.globals.add(slot);
                    state.lease(global.state);
                    state.importedGlobals.add(global);
                }
            }
        }
    }

    private static void setFunctionRecord(InstanceState state, int function, long code, long vmctx, FuncType type) {
        int record = state.layout.function(function);
        state.vmctx.set(JAVA_LONG, record + Abi.FUNC_ENTRY_CODE, code);
        state.vmctx.set(JAVA_LONG, record + Abi.FUNC_ENTRY_VMCTX, vmctx);
        state.vmctx.set(JAVA_INT, record + Abi.FUNC_ENTRY_TYPE_ID, state.store.typeId(type));
    }

    /** The records of the module's own functions, which {@code funcref}s to them point at. */
    private static void defineFunctionRecords(InstanceState state, WasmModule wasm) {
        for (int f = wasm.importedFunctionCount(); f < state.layout.functionCount(); f++) {
            setFunctionRecord(state, f, state.module.functionAddress(f), state.vmctx.address(), wasm.functionType(f));
        }
    }

    /** The store's ids of the module's types, which {@code call_indirect} compares records against. */
    private static void defineTypeIds(InstanceState state, WasmModule wasm) {
        for (int t = 0; t < wasm.types().size(); t++) {
            state.vmctx.set(JAVA_INT, state.layout.typeId(t), state.store.typeId(wasm.types().get(t)));
        }
    }

    private static void defineTables(InstanceState state, WasmModule wasm) {
        var codec = state.store.values();
        for (var table : wasm.tables()) {
            long init = table.init()
                    .map(expr -> codec.bits(evaluate(state, expr)))
                    .orElse(0L);
            var array = TableArray.create(table.type(), init);
            state.own(array);
            state.vmctx.set(JAVA_LONG, state.layout.table(state.tables.size()), array.definitionAddress());
            state.tables.add(new InstanceState.Table(array, table.type()));
        }
    }

    /**
     * Evaluates every element segment's items to native bits up front: their expressions are
     * constant and see only imported globals, so the values cannot change before the segments are
     * applied.
     */
    private static void evaluateElementSegments(InstanceState state, WasmModule wasm) {
        var codec = state.store.values();
        var segments = new long[wasm.elements().size()][];
        for (int i = 0; i < segments.length; i++) {
            var items = wasm.elements().get(i).items();
            var bits = new long[items.size()];
            for (int k = 0; k < bits.length; k++) {
                bits[k] = codec.bits(evaluate(state, items.get(k)));
            }
            segments[i] = bits;
        }
        state.elementSegments = segments;
    }

    /** A constant expression of this instance: it sees the globals so far and references its functions. */
    private static Value evaluate(InstanceState state, flint.wasm.model.ConstExpr expr) {
        return ConstEval.eval(expr, g -> globalValue(state, g), f -> functionRef(state, f));
    }

    private static Value functionRef(InstanceState state, int function) {
        return new Value.FuncRef(new NativeFuncRef(state.function(function), state.functionRecord(function)));
    }

    private static void defineMemories(InstanceState state, WasmModule wasm) {
        for (var type : wasm.memories()) {
            var memory = LinearMemory.create(type, state.store.config().memoryPolicy());
            state.own(memory);
            addMemory(state, new InstanceState.Memory(memory, type));
        }
    }

    /** Adds a memory to the index space, its vmctx record kept current by the memory. */
    private static void addMemory(InstanceState state, InstanceState.Memory memory) {
        var record = state.vmctx.asSlice(state.layout.memoryRecord(state.memories.size()), LinearMemory.DEFINITION_SIZE);
        state.own(memory.memory().mirrorInto(record));
        state.memories.add(memory);
    }

    private static void defineGlobals(InstanceState state, WasmModule wasm) {
        var codec = state.store.values();
        for (var global : wasm.globals()) {
            int index = state.globals.size();
            var type = global.type();
            var cell = state.vmctx.asSlice(state.layout.global(index), type.type() instanceof VecType ? 16 : 8);
            // an initializer sees the imported globals and the globals defined before it
            codec.write(evaluate(state, global.init()), cell, 0);
            state.globals.add(new InstanceState.Global(type, cell));
        }
    }

    private static Value globalValue(InstanceState state, int index) {
        var global = state.globals.get(index);
        return state.store.values().read(global.type().type(), global.cell(), 0);
    }

    /** A data segment's copy, with the spec's bounds rule: out of bounds traps and writes nothing. */
    private static void write(LinearMemory memory, long offset, byte[] bytes) {
        long size = memory.byteSize();
        if (Long.compareUnsigned(offset, size) > 0 || bytes.length > size - offset) {
            throw new TrapException(TrapCode.OUT_OF_BOUNDS_MEMORY);
        }
        memory.write(offset, bytes);
    }
}
