package flint.harness.spec;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineException;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.model.ValType;
import flint.wasm.text.WatParser;

import java.util.List;

/**
 * The testsuite's {@code spectest} host module, made as a real module on each engine (so every
 * engine creates its memory, table and globals in its own representation): it defines the globals,
 * table and memory and re-exports the {@code print*} functions, which it imports from Java.
 */
final class SpecTestHost {
    private SpecTestHost() {}

    private static final String HOST_MODULE = "flint:spectest-host";

    private static final String COMMON = """
            (import "%1$s" "print" (func $print))
            (import "%1$s" "print_i32" (func $print_i32 (param i32)))
            (import "%1$s" "print_i64" (func $print_i64 (param i64)))
            (import "%1$s" "print_f32" (func $print_f32 (param f32)))
            (import "%1$s" "print_f64" (func $print_f64 (param f64)))
            (import "%1$s" "print_i32_f32" (func $print_i32_f32 (param i32 f32)))
            (import "%1$s" "print_f64_f64" (func $print_f64_f64 (param f64 f64)))
            (export "print" (func $print))
            (export "print_i32" (func $print_i32))
            (export "print_i64" (func $print_i64))
            (export "print_f32" (func $print_f32))
            (export "print_f64" (func $print_f64))
            (export "print_i32_f32" (func $print_i32_f32))
            (export "print_f64_f64" (func $print_f64_f64))
            (global (export "global_i32") i32 (i32.const 666))
            (global (export "global_i64") i64 (i64.const 666))
            (global (export "global_f32") f32 (f32.const 666.6))
            (global (export "global_f64") f64 (f64.const 666.6))
            (table (export "table") 10 20 funcref)
            (memory (export "memory") 1 2)
            """.formatted(HOST_MODULE);

    /** With the 64-bit table; engines without table64 get the module without it. */
    private static final String FULL = "(module " + COMMON + " (table (export \"table64\") i64 10 20 funcref))";
    private static final String BASIC = "(module " + COMMON + ")";

    static Instance instantiate(Engine engine) {
        var imports = printFunctions();
        try {
            return engine.instantiate(WatParser.toBinary(FULL, "spectest"), imports);
        } catch (EngineException e) {
            return engine.instantiate(WatParser.toBinary(BASIC, "spectest"), imports);
        }
    }

    private static Imports printFunctions() {
        var b = Imports.builder();
        add(b, "print");
        add(b, "print_i32", NumType.I32);
        add(b, "print_i64", NumType.I64);
        add(b, "print_f32", NumType.F32);
        add(b, "print_f64", NumType.F64);
        add(b, "print_i32_f32", NumType.I32, NumType.F32);
        add(b, "print_f64_f64", NumType.F64, NumType.F64);
        return b.build();
    }

    private static void add(Imports.Builder b, String name, ValType... params) {
        b.function(HOST_MODULE, name, new FuncType(List.of(params), List.of()), args -> List.of());
    }
}
