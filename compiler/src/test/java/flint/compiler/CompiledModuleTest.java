package flint.compiler;

import static flint.wasm.model.NumType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.compiler.x64.asm.Relocation;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.FuncType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledModuleTest {

    private static final FuncType TYPE = FuncType.of(List.of(I32), List.of(I32));

    private static flint.wasm.model.WasmModule module() {
        var b = new ModuleBuilder();
        b.importFunction("env", "f", TYPE);
        int g = b.function(TYPE, List.of());
        b.exportFunction("g", g);
        return b.build();
    }

    @Test
    void functionsAreIndexedFromTheFunctionIndexSpace() {
        var code = new byte[64];
        var compiled = new CompiledModule(module(), code, List.of(new FunctionCode(0, 32, 32)), List.of(), List.of());
        assertEquals(new FunctionCode(0, 32, 32), compiled.function(1));
        assertThrows(IllegalArgumentException.class, () -> compiled.function(0), "imported");
        code[0] = 1;
        assertEquals(0, compiled.code()[0], "the code is copied");
    }

    @Test
    void inconsistentModulesAreRefused() {
        var module = module();
        var code = new byte[64];
        var f = List.of(new FunctionCode(0, 32, FunctionCode.NO_SHIM));
        assertThrows(IllegalArgumentException.class, () -> new CompiledModule(module, code, List.of(), List.of(), List.of()),
                "one entry per defined function");
        assertThrows(IllegalArgumentException.class, () -> new CompiledModule(module, code,
                List.of(new FunctionCode(40, 32, FunctionCode.NO_SHIM)), List.of(), List.of()), "outside the code");
        assertThrows(IllegalArgumentException.class, () -> new CompiledModule(module, code, f,
                List.of(new Relocation(0, Relocation.Kind.REL32, new Relocation.WasmFunction(0))), List.of()),
                "imports are not called directly");
        assertThrows(IllegalArgumentException.class, () -> new CompiledModule(module, code, f,
                List.of(new Relocation(0, Relocation.Kind.ABS64, new Relocation.RuntimeHelper(99))), List.of()),
                "no such helper");
        assertThrows(IllegalArgumentException.class, () -> new CompiledModule(module, code, f,
                List.of(new Relocation(60, Relocation.Kind.ABS64, RuntimeHelper.MEMORY_GROW.target())), List.of()),
                "the field must fit");
    }

    @Test
    void theBuilderEmitsShimsForExportsAndTheStartFunction() {
        var b = new ModuleBuilder();
        int exported = b.function(TYPE, List.of());
        int internal = b.function(TYPE, List.of());
        int start = b.function(FuncType.EMPTY, List.of());
        b.exportFunction("e", exported).start(start);
        var builder = new CompiledModuleBuilder(b.build());
        for (int f : new int[] {start, internal, exported}) { // any order
            builder.beginFunction(f);
            builder.asm().ret();
            builder.endFunction();
        }
        var compiled = builder.finish();
        assertEquals(FunctionCode.NO_SHIM, compiled.function(internal).arrayShim());
        assertEquals(0, compiled.function(exported).arrayShim() % 16);
        assertEquals(0, compiled.function(start).arrayShim() % 16);
        assertEquals(0, compiled.function(internal).offset() % 16, "functions are 16-byte aligned");
        assertEquals(List.of(), compiled.relocations(), "shims call by label");
    }

    @Test
    void theBuilderInsistsOnEveryFunction() {
        var b = new ModuleBuilder();
        b.function(TYPE, List.of());
        assertThrows(IllegalStateException.class, () -> new CompiledModuleBuilder(b.build()).finish());
        var builder = new CompiledModuleBuilder(b.build());
        assertThrows(IllegalArgumentException.class, () -> builder.beginFunction(1));
        builder.beginFunction(0);
        assertThrows(IllegalStateException.class, builder::endFunction, "no code");
    }
}
