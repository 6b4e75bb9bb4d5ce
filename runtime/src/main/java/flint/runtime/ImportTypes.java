package flint.runtime;

import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

/**
 * Import matching, the spec's "external type matching": whether an offered extern may stand where
 * the module imports one. Functions need an equal type; memories the same address type and
 * sharedness with limits that fit (current size at least the declared minimum; a declared maximum
 * requires an actual maximum no larger); globals the same mutability, with a value type that is
 * equal (mutable) or a subtype (immutable); tables the same element type with limits that fit.
 */
final class ImportTypes {

    private ImportTypes() {}

    /**
     * Why {@code actual} cannot satisfy {@code imp} of {@code module}, or null if it can.
     */
    static String mismatch(WasmModule module, Import imp, Extern actual) {
        return switch (imp.desc()) {
            case ImportDesc.Func(int typeIndex) -> actual instanceof NativeFunction f
                    ? function(module.types().get(typeIndex), f.type())
                    : kind("function", actual);
            case ImportDesc.Memory(MemoryType type) -> actual instanceof NativeMemory m
                    ? memory(type.limits(), m.limits())
                    : kind("memory", actual);
            case ImportDesc.Global(GlobalType type) -> actual instanceof NativeGlobal g
                    ? global(type, g.type())
                    : kind("global", actual);
            case ImportDesc.Table(TableType type) -> actual instanceof NativeTable t
                    ? table(type, t.type().elementType(), t.limits())
                    : kind("table", actual);
            case ImportDesc.Tag t -> "tags are not supported by the native runtime yet";
        };
    }

    private static String kind(String expected, Extern actual) {
        String got = switch (actual) {
            case NativeFunction f -> "a function";
            case NativeMemory m -> "a memory";
            case NativeGlobal g -> "a global";
            case NativeTable t -> "a table";
        };
        return "expected a " + expected + ", got " + got;
    }

    private static String function(FuncType expected, FuncType actual) {
        return expected.equals(actual) ? null : "expected " + expected + ", got " + actual;
    }

    static String memory(Limits expected, Limits actual) {
        if (expected.address64() != actual.address64()) {
            return "expected a " + (expected.address64() ? "64" : "32") + "-bit memory";
        }
        if (expected.shared() != actual.shared()) {
            return "expected a" + (expected.shared() ? " shared" : "n unshared") + " memory";
        }
        return limits(expected, actual);
    }

    /** Tables: the same element type (references are invariant in tables: they are mutable) and limits that fit. */
    private static String table(TableType expected, RefType actualElements, Limits actual) {
        if (!expected.elementType().equals(actualElements)) {
            return "expected a table of " + expected.elementType().text() + ", got " + actualElements.text();
        }
        if (expected.limits().address64() != actual.address64()) {
            return "expected a " + (expected.limits().address64() ? "64" : "32") + "-bit table";
        }
        return limits(expected.limits(), actual);
    }

    /** Limits subtyping: {@code actual} (current size, maximum) within {@code expected}. */
    private static String limits(Limits expected, Limits actual) {
        if (Long.compareUnsigned(actual.min(), expected.min()) < 0) {
            return "minimum " + Long.toUnsignedString(expected.min()) + " exceeds the actual size "
                    + Long.toUnsignedString(actual.min());
        }
        if (expected.hasMax() && (!actual.hasMax()
                || Long.compareUnsigned(actual.max().getAsLong(), expected.max().getAsLong()) > 0)) {
            return "maximum " + Long.toUnsignedString(expected.max().getAsLong()) + " is below the actual maximum "
                    + (actual.hasMax() ? Long.toUnsignedString(actual.max().getAsLong()) : "(none)");
        }
        return null;
    }

    private static String global(GlobalType expected, GlobalType actual) {
        if (expected.mutable() != actual.mutable()) {
            return "expected " + (expected.mutable() ? "a mutable" : "an immutable") + " global";
        }
        boolean fits = expected.mutable() ? expected.type().equals(actual.type()) : subtype(actual.type(), expected.type());
        return fits ? null : "expected a global of " + expected.type().text() + ", got " + actual.type().text();
    }

    /**
     * Value subtyping across modules, as far as the runtime's types go: equal types, or references
     * to the same heap type where only the expected one is nullable.
     */
    private static boolean subtype(ValType actual, ValType expected) {
        if (actual.equals(expected)) {
            return true;
        }
        return actual instanceof RefType a && expected instanceof RefType e
                && (!a.nullable() || e.nullable()) && a.heap().equals(e.heap());
    }
}
