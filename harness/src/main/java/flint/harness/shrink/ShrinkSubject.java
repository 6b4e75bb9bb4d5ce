package flint.harness.shrink;

import flint.wasm.model.WasmModule;
import java.util.List;

/**
 * What the shrinker reduces: a module and the calls that exercise it. The calls may be empty: a
 * predicate that decides on the module alone (calling every export its own way) ignores them.
 * Passes that change an exported function's parameters change the calls of that export with it,
 * so the pair stays consistent.
 */
public record ShrinkSubject(WasmModule module, List<ShrinkCall> calls) {
    public ShrinkSubject {
        java.util.Objects.requireNonNull(module, "module");
        calls = List.copyOf(calls);
    }

    /** A module with no recorded calls. */
    public static ShrinkSubject of(WasmModule module) { return new ShrinkSubject(module, List.of()); }

    ShrinkSubject withModule(WasmModule replacement) { return new ShrinkSubject(replacement, calls); }

    ShrinkSubject withCalls(List<ShrinkCall> replacement) { return new ShrinkSubject(module, replacement); }
}
