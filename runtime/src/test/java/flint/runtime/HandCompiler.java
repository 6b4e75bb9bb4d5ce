package flint.runtime;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.CompiledModule;
import flint.compiler.CompiledModuleBuilder;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Label;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import flint.compiler.VmctxLayout;
import flint.wasm.model.FuncType;
import flint.wasm.model.WasmModule;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds {@link CompiledModule}s from hand-written machine code, in place of the backend: each
 * defined function's body is a lambda that emits x86-64 into a {@link Fn}, which wraps it in the
 * canonical prologue and epilogue ({@link AbiSequences}) and emits its out-of-line trap paths.
 * The module itself (types, imports, exports, memories, globals, data) is an ordinary
 * {@link WasmModule}; its function bodies are ignored.
 */
final class HandCompiler {

    private final WasmModule module;
    private final Map<Integer, Consumer<Fn>> bodies = new HashMap<>();

    private HandCompiler(WasmModule module) {
        this.module = module;
    }

    static HandCompiler of(WasmModule module) {
        return new HandCompiler(module);
    }

    /** The body of defined function {@code index}. */
    HandCompiler function(int index, Consumer<Fn> body) {
        bodies.put(index, body);
        return this;
    }

    CompiledModule compile() {
        var builder = new CompiledModuleBuilder(module);
        for (int i = 0; i < module.functions().size(); i++) {
            int index = module.importedFunctionCount() + i;
            var body = bodies.get(index);
            if (body == null) {
                throw new IllegalStateException("no body for function " + index);
            }
            builder.beginFunction(index);
            var fn = new Fn(builder, index);
            body.accept(fn);
            fn.finish();
            builder.endFunction();
        }
        return builder.finish();
    }

    NativeModule load() {
        return NativeModule.load(compile());
    }

    /** One function being emitted. */
    static final class Fn {
        final CompiledModuleBuilder builder;
        final Assembler asm;
        final int index;
        final FuncType type;
        private final AbiSequences.Frame frame;
        private final Map<WasmTrap, Label> traps = new EnumMap<>(WasmTrap.class);
        private int outgoingSlots;
        private int localBytes;

        private Fn(CompiledModuleBuilder builder, int index) {
            this.builder = builder;
            this.asm = builder.asm();
            this.index = index;
            this.type = builder.module().functionType(index);
            boolean hasMemory = !builder.module().memoryTypes().isEmpty();
            this.frame = AbiSequences.prologue(asm, trap(WasmTrap.CALL_STACK_EXHAUSTED),
                    trap(WasmTrap.INTERRUPTED), hasMemory);
        }

        VmctxLayout layout() {
            return builder.layout();
        }

        /** The out-of-line path that raises {@code trap}. */
        Label trap(WasmTrap trap) {
            return traps.computeIfAbsent(trap, t -> asm.newLabel());
        }

        /** Incoming slot {@code i}: parameter {@code i} on entry, result {@code i} on return. */
        Mem param(int i) {
            return Mem.of(Gpr.RBP, Abi.incomingSlot(i));
        }

        Mem result(int i) {
            return param(i);
        }

        /** Outgoing slot {@code i} of the next call; reserves room for it in the frame. */
        Mem arg(int i) {
            outgoingSlots = Math.max(outgoingSlots, i + 1);
            return Mem.of(Gpr.RSP, Abi.outgoingSlot(i));
        }

        /** Reserves the call area of a call with signature {@code callee}. */
        void callArea(FuncType callee) {
            outgoingSlots = Math.max(outgoingSlots, Abi.callSlots(callee));
        }

        /** A local 8-byte slot below the vmctx word ({@code n} from 0). */
        Mem local(int n) {
            localBytes = Math.max(localBytes, 8 * (n + 1));
            return Mem.of(Gpr.RBP, Abi.FRAME_VMCTX - 8 * (n + 1));
        }

        /** A direct call to defined function {@code callee} (label, no relocation). */
        void call(int callee) {
            callArea(builder.module().functionType(callee));
            asm.call(builder.functionLabel(callee));
        }

        /** A call through imported-function entry {@code function}. */
        void callImport(int function) {
            callArea(builder.module().functionType(function));
            AbiSequences.callImport(asm, layout(), function, !builder.module().memoryTypes().isEmpty());
        }

        /** A bounds check of {@code [address, address + size)} in memory 0; address zero-extended in {@code address}. */
        void boundsCheck(Gpr address, int size, Gpr scratch) {
            asm.lea(Size.S64, scratch, Mem.of(address, size));
            asm.cmp(Size.S64, scratch, Mem.of(Abi.VMCTX, Abi.MEMORY0_LENGTH));
            builder.trapSite(asm.position(), WasmTrap.OUT_OF_BOUNDS_MEMORY);
            asm.jcc(Cond.A, trap(WasmTrap.OUT_OF_BOUNDS_MEMORY));
        }

        private void finish() {
            AbiSequences.epilogue(asm);
            for (var entry : traps.entrySet()) {
                asm.bind(entry.getValue());
                AbiSequences.trap(asm, entry.getKey());
            }
            int locals = (localBytes + 15) & -16;
            AbiSequences.setFrameSize(asm, frame, Abi.MIN_FRAME_SIZE + locals + outgoingSlots * Abi.SLOT_SIZE);
        }
    }
}
