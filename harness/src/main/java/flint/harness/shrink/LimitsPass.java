package flint.harness.shrink;

import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Table;
import flint.wasm.model.TableType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Lowers the initial size of defined memories (pages) and tables (entries): to 0 if that keeps
 * the divergence, else by halving the distance. Also tries dropping a maximum, and removing the
 * last defined memory or table altogether (the validator rejects it if code still uses it).
 */
record LimitsPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "memory and table sizes"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        for (int i = 0; i < module.memories().size() && !candidates.exhausted(); i++) {
            int m = i;
            module = lower(module, module.memories().get(m).limits(), candidates, (mod, limits) -> {
                var memories = new ArrayList<>(mod.memories());
                memories.set(m, new MemoryType(limits));
                return Modules.withMemories(mod, memories);
            });
        }
        for (int i = 0; i < module.tables().size() && !candidates.exhausted(); i++) {
            int t = i;
            module = lower(module, module.tables().get(t).type().limits(), candidates, (mod, limits) -> {
                var tables = new ArrayList<>(mod.tables());
                var old = tables.get(t);
                tables.set(t, new Table(new TableType(old.type().elementType(), limits), old.init()));
                return Modules.withTables(mod, tables);
            });
        }
        if (!module.memories().isEmpty()) {
            var candidate = Modules.withMemories(module, module.memories().subList(0, module.memories().size() - 1));
            if (candidates.test(candidate)) module = candidate;
        }
        if (!module.tables().isEmpty()) {
            var candidate = Modules.withTables(module, module.tables().subList(0, module.tables().size() - 1));
            if (candidates.test(candidate)) module = candidate;
        }
        return module;
    }

    private interface WithLimits {
        WasmModule apply(WasmModule module, Limits limits);
    }

    private static WasmModule lower(WasmModule module, Limits limits, Candidates candidates, WithLimits with) {
        LongFunction<Limits> withMin = min -> new Limits(min, limits.max(), limits.address64(), limits.shared());
        long min = limits.min();
        long step = min;
        while (step >= 1 && min > 0 && !candidates.exhausted()) {
            var candidate = with.apply(module, withMin.apply(min - step));
            if (candidates.test(candidate)) {
                module = candidate;
                min -= step;
                step = Math.min(step, min);
            } else {
                step /= 2;
            }
        }
        if (limits.max().isPresent() && !limits.shared() && !candidates.exhausted()) {
            var candidate = with.apply(module, new Limits(min, OptionalLong.empty(), limits.address64(), false));
            if (candidates.test(candidate)) module = candidate;
        }
        return module;
    }
}
