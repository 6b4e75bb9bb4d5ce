package flint.compiler;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Miscompilations the compiler makes on purpose when asked, to measure the differential harness:
 * a campaign against a compiler with one of these must find it and shrink it to a few
 * instructions. Never on by default; only {@link NativeCompiler#compile(flint.wasm.model.WasmModule,
 * flint.compiler.x64.X64Backend.Listing, Set)} with a non-empty set, or the system property
 * {@value #PROPERTY} for worker JVMs, turns one on.
 */
public enum SeededBug {
    /** {@code i32/i64.lt_s} is compiled as {@code le_s}: a wrong condition code. */
    LT_S_AS_LE_S,
    /** {@code i32/i64.shr_s} shifts in zeros ({@code shr} for {@code sar}): a missing sign extension. */
    SHR_S_AS_SHR_U,
    /** Bounds checks of non-constant addresses count one byte too many: an off-by-one that traps on the last bytes. */
    BOUNDS_CHECK_OFF_BY_ONE;

    /** Comma-separated names (any case, '-' for '_'); read by the {@code flint} engine factory. */
    public static final String PROPERTY = "flint.seededBugs";

    /** The bugs {@value #PROPERTY} names; empty when it is not set. */
    public static Set<SeededBug> fromProperty() {
        return parse(System.getProperty(PROPERTY, ""));
    }

    /** @throws IllegalArgumentException for a name that is no seeded bug */
    public static Set<SeededBug> parse(String names) {
        var bugs = EnumSet.noneOf(SeededBug.class);
        for (var name : names.split(",")) {
            if (name.isBlank()) continue;
            bugs.add(valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        return bugs;
    }

    /** The name on the command line: {@code lt-s-as-le-s}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
