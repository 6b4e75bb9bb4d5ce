package flint.runtime;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.compiler.Abi;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.runtime.link.HostCallThunk;
import flint.runtime.memory.LinearMemory;
import flint.wasm.model.DataSegment;
import flint.wasm.model.Import;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of instantiation, in the spec's order: resolve and check every import (so a link
 * error leaves nothing behind), build the vmctx (imported entries, memories, globals), then, once
 * the instance exists, apply the active data segments and run the start function. A trap in the
 * last two fails instantiation, but what it already wrote to imported memories stays, as the spec
 * says.
 */
final class Instantiation {

    private Instantiation() {}

    /**
     * Resolves the imports and builds the instance's native state.
     *
     * @throws UnlinkableException if an import is missing or does not match
     * @throws IllegalArgumentException if an import belongs to another store
     * @throws UnsupportedOperationException if the module needs what the runtime lacks (tables, tags)
     */
    static InstanceState link(NativeStore store, NativeModule module, ImportResolver resolver) {
        var wasm = module.compiled().module();
        requireSupported(wasm);
        var imports = resolve(store, wasm, resolver);
        var state = new InstanceState(store, module);
        try {
            wire(state, imports);
            defineMemories(state, wasm);
            defineGlobals(state, wasm);
            state.register();
            return state;
        } catch (RuntimeException | Error e) {
            state.release();
            throw e;
        }
    }

    /** Applies the active data segments and runs the start function. */
    static void initialize(NativeInstance instance, InstanceState state) {
        var wasm = state.module.compiled().module();
        for (var segment : wasm.data()) {
            if (segment.mode() instanceof DataSegment.Active(int memory, var offsetExpr)) {
                long offset = switch (ConstEval.eval(offsetExpr, index -> globalValue(state, index))) {
                    case Value.I32(int v) -> Integer.toUnsignedLong(v);
                    case Value.I64(long v) -> v;
                    case Value other -> throw new IllegalStateException("data segment offset " + other);
                };
                write(state.memory(memory), offset, segment.bytes());
            }
        }
        if (wasm.start().isPresent()) {
            instance.function(wasm.start().getAsInt()).call(List.of());
        }
    }

    private static void requireSupported(WasmModule wasm) {
        if (!wasm.tableTypes().isEmpty()) {
            throw new UnsupportedOperationException("tables are not supported by the native runtime yet");
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
                    int entry = layout.importedFunction(state.importedFunctions.size());
                    var record = HostCallThunk.allocateRecord(state.arena, state.store.execContext(),
                            state.store.hostStub(host), vmctx);
                    vmctx.set(JAVA_LONG, entry + Abi.FUNC_ENTRY_CODE, HostCallThunk.address());
                    vmctx.set(JAVA_LONG, entry + Abi.FUNC_ENTRY_VMCTX, record.address());
                    state.importedFunctions.add(host);
                }
                case InstanceFunction function -> {
                    int entry = layout.importedFunction(state.importedFunctions.size());
                    vmctx.set(JAVA_LONG, entry + Abi.FUNC_ENTRY_CODE, function.codeAddress());
                    vmctx.set(JAVA_LONG, entry + Abi.FUNC_ENTRY_VMCTX, function.state.vmctx.address());
                    state.lease(function.state);
                    state.importedFunctions.add(function);
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
            codec.write(ConstEval.eval(global.init(), i -> globalValue(state, i)), cell, 0);
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
