package flint.compiler.x64.asm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The instruction-set extensions the generated code may use. The assembler checks each instruction
 * that needs an extension against this set, so a backend that forgets to test a feature fails at
 * compile time instead of producing code that faults (SIGILL ends the JVM) or, worse, silently
 * computes something else (lzcnt and tzcnt decode as bsr and bsf on CPUs without them).
 */
public record CpuFeatures(Set<CpuFeature> features) {
    private static volatile CpuFeatures host;

    public CpuFeatures {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    /** Plain x86-64: SSE and SSE2 only. */
    public static CpuFeatures baseline() {
        return new CpuFeatures(Set.of());
    }

    /** Everything: for tests and for printing code meant for another machine. */
    public static CpuFeatures all() {
        return new CpuFeatures(EnumSet.allOf(CpuFeature.class));
    }

    public static CpuFeatures of(CpuFeature... features) {
        return new CpuFeatures(Set.copyOf(Arrays.asList(features)));
    }

    /**
     * The features of the machine we run on, read once from {@code /proc/cpuinfo}. On a system
     * without that file (not Linux) the answer is the baseline, which is always safe.
     */
    public static CpuFeatures host() {
        CpuFeatures h = host;
        if (h == null) {
            host = h = detect(Path.of("/proc/cpuinfo"));
        }
        return h;
    }

    static CpuFeatures detect(Path cpuinfo) {
        try {
            return fromCpuinfo(Files.readString(cpuinfo));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return baseline();
        }
    }

    /** Parses the first "flags" line of a {@code /proc/cpuinfo} text. */
    public static CpuFeatures fromCpuinfo(String cpuinfo) {
        Set<String> flags = cpuinfo.lines()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                .orElse(Set.of());
        EnumSet<CpuFeature> found = EnumSet.noneOf(CpuFeature.class);
        for (CpuFeature f : CpuFeature.values()) {
            if (flags.contains(f.cpuinfoFlag())) {
                found.add(f);
            }
        }
        return new CpuFeatures(found);
    }

    public boolean has(CpuFeature feature) {
        return features.contains(feature);
    }

    /** @throws UnsupportedOperationException naming the instruction if the feature is missing */
    public void require(CpuFeature feature, String instruction) {
        if (!features.contains(feature)) {
            throw new UnsupportedOperationException(
                    instruction + " needs " + feature + ", which the target CPU does not have");
        }
    }

    @Override
    public String toString() {
        return "CpuFeatures" + Arrays.toString(features.stream().sorted().toArray());
    }
}
