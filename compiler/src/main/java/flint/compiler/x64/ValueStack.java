package flint.compiler.x64;

import flint.compiler.microwasm.DropRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The virtual value stack: one {@link StackEntry} per Microwasm stack entry (locals at the bottom,
 * operands above), saying where each value is. A plain container: entries change place only
 * through the {@link RegisterAllocator}, which keeps the reference counts of registers and slots.
 */
public final class ValueStack {
    private final ArrayList<StackEntry> entries = new ArrayList<>();

    public int size() {
        return entries.size();
    }

    /** The entry at {@code depth} from the top (0 = top). */
    public StackEntry peek(int depth) {
        return entries.get(entries.size() - 1 - depth);
    }

    /** The entry at {@code index} from the bottom. */
    public StackEntry get(int index) {
        return entries.get(index);
    }

    void set(int index, StackEntry entry) {
        entries.set(index, entry);
    }

    void push(StackEntry entry) {
        entries.add(entry);
    }

    StackEntry pop() {
        return entries.removeLast();
    }

    /** Removes the entries of {@code range}, returning them (bottom first). */
    List<StackEntry> remove(DropRange range) {
        int top = entries.size();
        int from = top - range.depth() - range.count();
        var sub = entries.subList(from, top - range.depth());
        var removed = List.copyOf(sub);
        sub.clear();
        return removed;
    }

    /** The entries as they would be after removing {@code range}, bottom first (a copy). */
    public List<StackEntry> after(DropRange range) {
        if (range.isEmpty()) return List.copyOf(entries);
        int top = entries.size();
        int from = top - range.depth() - range.count();
        var out = new ArrayList<StackEntry>(top - range.count());
        out.addAll(entries.subList(0, from));
        out.addAll(entries.subList(top - range.depth(), top));
        return out;
    }

    void replaceAll(List<StackEntry> with) {
        entries.clear();
        entries.addAll(with);
    }

    /** A copy of the entries, bottom first. */
    public List<StackEntry> entries() {
        return List.copyOf(entries);
    }

    @Override public String toString() {
        return entries.toString();
    }
}
