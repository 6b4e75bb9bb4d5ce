package flint.compiler.x64;

import java.util.List;

/**
 * Where a block expects each stack entry when control arrives (its calling convention), or what a
 * single caller hands over: an immutable copy of the virtual stack, bottom first.
 */
public record BlockState(List<StackEntry> entries) {
    public BlockState {
        entries = List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }
}
