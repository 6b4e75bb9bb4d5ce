package flint.wasm.model;

import java.util.Optional;

/** A table definition; {@code init} is the 3.0 explicit initializer (else elements start null). */
public record Table(TableType type, Optional<ConstExpr> init) {
    public static Table of(TableType type) { return new Table(type, Optional.empty()); }
}
