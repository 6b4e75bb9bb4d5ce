package flint.harness.engine.microwasm;

import flint.wasm.model.FuncType;
import flint.wasm.model.WasmModule;

/**
 * An exception tag: an identity and a type. Code cannot throw or catch yet (the converter rejects
 * exception handling), but modules define, import and export tags, and linking must match them.
 */
record TagCell(FuncType type, WasmModule module) {
    @Override public boolean equals(Object o) { return this == o; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
