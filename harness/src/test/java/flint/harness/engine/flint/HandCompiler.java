package flint.harness.engine.flint;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.CompiledModule;
import flint.compiler.CompiledModuleBuilder;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Label;
import flint.compiler.x64.asm.Mem;
import flint.wasm.model.WasmModule;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stand-in for the backend: compiles a module by looking up hand-written machine code for each
 * defined function, by function index, wrapped in the ABI's prologue and epilogue. The harness
 * decodes and validates the module's real Wasm bodies; the machine code does the same thing.
 */
record HandCompiler(Map<Integer, Consumer<HandCompiler.Fn>> bodies) implements Function<WasmModule, CompiledModule> {

    @Override
    public CompiledModule apply(WasmModule module) {
        var builder = new CompiledModuleBuilder(module);
        for (int i = 0; i < module.functions().size(); i++) {
            int index = module.importedFunctionCount() + i;
            builder.beginFunction(index);
            var fn = new Fn(builder, index);
            bodies.get(index).accept(fn);
            fn.finish();
            builder.endFunction();
        }
        return builder.finish();
    }

    static final class Fn {
        final CompiledModuleBuilder builder;
        final Assembler asm;
        private final AbiSequences.Frame frame;
        private final Map<WasmTrap, Label> traps = new EnumMap<>(WasmTrap.class);
        private int outgoingSlots;

        Fn(CompiledModuleBuilder builder, int index) {
            this.builder = builder;
            this.asm = builder.asm();
            this.frame = AbiSequences.prologue(asm, trap(WasmTrap.CALL_STACK_EXHAUSTED), trap(WasmTrap.INTERRUPTED),
                    !builder.module().memoryTypes().isEmpty());
        }

        Label trap(WasmTrap trap) {
            return traps.computeIfAbsent(trap, t -> asm.newLabel());
        }

        Mem param(int i) {
            return Mem.of(Gpr.RBP, Abi.incomingSlot(i));
        }

        Mem result(int i) {
            return param(i);
        }

        Mem arg(int i) {
            outgoingSlots = Math.max(outgoingSlots, i + 1);
            return Mem.of(Gpr.RSP, Abi.outgoingSlot(i));
        }

        void call(int function) {
            outgoingSlots = Math.max(outgoingSlots, Abi.callSlots(builder.module().functionType(function)));
            if (function < builder.module().importedFunctionCount()) {
                AbiSequences.callImport(asm, builder.layout(), function, !builder.module().memoryTypes().isEmpty());
            } else {
                asm.call(builder.functionLabel(function));
            }
        }

        void finish() {
            AbiSequences.epilogue(asm);
            traps.forEach((trap, label) -> {
                asm.bind(label);
                AbiSequences.trap(asm, trap);
            });
            AbiSequences.setFrameSize(asm, frame, Abi.MIN_FRAME_SIZE + outgoingSlots * Abi.SLOT_SIZE);
        }
    }
}
