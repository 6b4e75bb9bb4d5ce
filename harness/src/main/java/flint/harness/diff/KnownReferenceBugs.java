package flint.harness.diff;

import flint.harness.engine.TrapKind;
import flint.wasm.model.Opcode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The reference engine's bugs that reports/known-reference-bugs.md documents, each with what a
 * minimized reproducer of it looks like. A campaign files a bucket under one of these only when
 * V8 has judged the reference wrong ({@link Finding#suspect()}); the shape then says which of the
 * documented bugs it is. A bucket the third opinions blame on the reference but no shape here
 * matches stays open: it is a reference bug nobody has written up yet.
 */
public final class KnownReferenceBugs {

    /**
     * @param id the anchor of its section in known-reference-bugs.md
     * @param kinds the divergence kinds it shows up as
     * @param shape whether a minimized module and its finding look like this bug
     */
    public record Bug(String id, String title, Set<String> kinds, BiPredicate<ModuleFacts, Finding> shape) {}

    /**
     * Every kind a wrong result can show as: a value, a trap missed (the run goes on and may
     * diverge anywhere later) or taken wrongly, or any state.
     */
    private static final Set<String> ANY_KIND = Set.of("value", "trap-vs-value", "trap-kind", "memory", "memory-size", "global", "table");

    /**
     * Chicory 1.7.5's bugs, the most specific shapes first: a minimized module can still hold a
     * construct another bug needs (a block with parameters, say), so the first match wins.
     */
    public static final List<Bug> CHICORY = List.of(
            new Bug("memory-init-active-segment", "memory.init of an active segment after instantiation copies from it",
                    ANY_KIND, (facts, f) -> facts.uses(Opcode.MEMORY_INIT) && facts.activeData()),
            new Bug("table-range-signed", "table.init and table.fill check their range in signed 32-bit arithmetic",
                    ANY_KIND, (facts, f) -> facts.uses(Opcode.TABLE_FILL, Opcode.TABLE_INIT) && underTestTrapped(f, TrapKind.OUT_OF_BOUNDS_TABLE)),
            new Bug("convert-i64-u-rounding", "f32.convert_i64_u rounds operands of 2^63 and above wrongly",
                    Set.of("value", "global", "memory", "table"), (facts, f) -> facts.uses(Opcode.F32_CONVERT_I64_U)),
            new Bug("signalling-nan", "min, max, ceil, floor, trunc and nearest return a signalling NaN operand unchanged",
                    Set.of("value", "global", "memory"),
                    (facts, f) -> facts.uses(Opcode.F32_MIN, Opcode.F32_MAX, Opcode.F32_CEIL, Opcode.F32_FLOOR, Opcode.F32_TRUNC,
                            Opcode.F32_NEAREST, Opcode.F64_MIN, Opcode.F64_MAX, Opcode.F64_CEIL, Opcode.F64_FLOOR,
                            Opcode.F64_TRUNC, Opcode.F64_NEAREST) && mentionsNaN(f)),
            new Bug("effective-address-wraps", "address + offset is computed in 32 bits, so an access past 4 GiB wraps around",
                    ANY_KIND, (facts, f) -> facts.accessesMemory() && underTestTrapped(f, TrapKind.OUT_OF_BOUNDS_MEMORY)),
            new Bug("block-parameters", "blocks, loops and ifs with parameters garble the operand stack",
                    ANY_KIND, (facts, f) -> facts.blockParameters()));

    private KnownReferenceBugs() {}

    /**
     * The documented bug a finding's minimized module shows, if the third opinions blame the
     * reference and the shape of a documented bug fits (the first in {@link #CHICORY}'s order).
     */
    public static Optional<Bug> recognize(byte[] minimized, Finding finding) {
        if (!finding.suspect().equals(Finding.SUSPECT_REFERENCE)) return Optional.empty();
        ModuleFacts facts;
        try {
            facts = ModuleFacts.of(minimized);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return CHICORY.stream().filter(b -> b.kinds().contains(finding.kind()) && b.shape().test(facts, finding)).findFirst();
    }

    public static Optional<Bug> byId(String id) {
        return CHICORY.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    private static boolean underTestTrapped(Finding f, TrapKind kind) {
        if (f.engines().size() < 2) return false;
        var text = f.outcomes().get(f.engines().get(1));
        return text != null && text.startsWith("trap: " + kind.message());
    }

    /** The divergence is about a NaN: in a value, a global, or a float stored in the memory window. */
    private static boolean mentionsNaN(Finding f) {
        return f.detail().toLowerCase(java.util.Locale.ROOT).contains("nan")
                || f.engines().size() > 1 && EngineState.windowShowsUnquietedNaN(f.states().get(f.engines().getFirst()),
                        f.states().get(f.engines().get(1)))
                || f.outcomes().values().stream().anyMatch(o -> o.toLowerCase(java.util.Locale.ROOT).contains("nan"));
    }
}
