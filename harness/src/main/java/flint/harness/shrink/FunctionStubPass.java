package flint.harness.shrink;

import flint.wasm.model.FunctionBody;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replaces whole function bodies by {@code unreachable}. The function itself stays, with its type,
 * so that no index moves and every call and table entry stays valid ("swap, don't remove");
 * {@link CompactionPass} removes the functions nothing refers to any more.
 */
record FunctionStubPass() implements ShrinkPass.OnModule {
    private static final FunctionBody STUB = Code.STUB.encode();

    @Override public String name() { return "stub functions"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        var positions = new ArrayList<Integer>();
        for (int p = 0; p < module.codes().size(); p++) if (!module.codes().get(p).equals(STUB)) positions.add(p);
        return Chunks.apply(module, positions, stub -> stubbed(module, stub), candidates);
    }

    private static WasmModule stubbed(WasmModule module, Set<Integer> stub) {
        var codes = new ArrayList<>(module.codes());
        for (int p : stub) codes.set(p, STUB);
        return Modules.withCodes(module, List.copyOf(codes));
    }
}
