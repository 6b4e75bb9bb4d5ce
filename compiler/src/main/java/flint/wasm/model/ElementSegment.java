package flint.wasm.model;

import java.util.List;

/**
 * An element segment. Items are always kept as constant expressions, whatever binary form they
 * came in (function indices become {@code ref.func}); the encoder picks the compact form back.
 */
public record ElementSegment(RefType type, Mode mode, List<ConstExpr> items) {
    public ElementSegment { items = List.copyOf(items); }

    public sealed interface Mode {}

    public record Passive() implements Mode {}

    public record Declarative() implements Mode {}

    public record Active(int table, ConstExpr offset) implements Mode {}

    public static final Mode PASSIVE = new Passive();
    public static final Mode DECLARATIVE = new Declarative();
}
