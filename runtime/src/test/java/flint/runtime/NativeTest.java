package flint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;

/** A store per test, and helpers to instantiate hand-compiled modules and call them. */
abstract class NativeTest {

    protected final NativeStore store = NativeStore.create();
    private final List<NativeInstance> instances = new ArrayList<>();

    @AfterEach
    void closeStore() {
        instances.forEach(NativeInstance::close);
        store.close();
    }

    NativeInstance instantiate(HandCompiler module) {
        return instantiate(module, ImportResolver.NONE);
    }

    NativeInstance instantiate(HandCompiler module, ImportResolver imports) {
        try (var loaded = module.load()) {
            var instance = NativeInstance.instantiate(store, loaded, imports);
            instances.add(instance);
            return instance;
        }
    }

    /** Resolves {@code module.name} pairs from alternating name/extern arguments under one module name. */
    static ImportResolver imports(String module, Object... namesAndExterns) {
        var byName = new java.util.LinkedHashMap<String, Extern>();
        for (int i = 0; i < namesAndExterns.length; i += 2) {
            byName.put((String) namesAndExterns[i], (Extern) namesAndExterns[i + 1]);
        }
        return ImportResolver.of(Map.of(module, byName));
    }

    static List<Value> call(NativeInstance instance, String name, Value... args) {
        return instance.function(name).call(List.of(args));
    }

    static TrapException assertTrap(TrapCode code, Executable call) {
        var trap = assertThrows(TrapException.class, call);
        assertEquals(code, trap.code(), () -> "trap: " + trap.getMessage());
        return trap;
    }
}
