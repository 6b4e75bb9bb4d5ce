package flint.harness.engine;

import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.RefType;

/**
 * The type of an exported entity, as far as the harness needs it: function and tag signatures,
 * global types and table element types. Memory and table limits are left out on purpose: engines
 * report them inconsistently once memories grow, and the oracle compares live sizes instead.
 */
public sealed interface ExternType {

    ExternKind kind();

    record Func(FuncType type) implements ExternType {
        @Override public ExternKind kind() { return ExternKind.FUNC; }
        @Override public String toString() { return "func " + type; }
    }

    record Table(RefType elementType) implements ExternType {
        @Override public ExternKind kind() { return ExternKind.TABLE; }
        @Override public String toString() { return "table " + elementType.text(); }
    }

    record Memory() implements ExternType {
        @Override public ExternKind kind() { return ExternKind.MEMORY; }
        @Override public String toString() { return "memory"; }
    }

    record Global(GlobalType type) implements ExternType {
        @Override public ExternKind kind() { return ExternKind.GLOBAL; }
        @Override public String toString() {
            return "global " + (type.mutable() ? "(mut " + type.type().text() + ")" : type.type().text());
        }
    }

    /** An exception tag; {@code type} holds its parameters (results are always empty). */
    record Tag(FuncType type) implements ExternType {
        @Override public ExternKind kind() { return ExternKind.TAG; }
        @Override public String toString() { return "tag " + type; }
    }
}
