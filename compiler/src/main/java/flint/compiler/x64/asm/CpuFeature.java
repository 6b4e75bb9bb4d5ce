package flint.compiler.x64.asm;

/**
 * Instruction-set extensions beyond the x86-64 baseline (which includes SSE and SSE2). Each enum
 * constant names the {@code /proc/cpuinfo} flag that announces it.
 */
public enum CpuFeature {
    SSE3("pni"),
    SSSE3("ssse3"),
    SSE4_1("sse4_1"),
    SSE4_2("sse4_2"),
    POPCNT("popcnt"),
    /**
     * {@code lzcnt}. Announced by the "abm" flag (AMD's name, also used by Linux for Intel CPUs).
     * A CPU without it silently executes F3 0F BD as {@code bsr}, which returns a different result,
     * so the assembler refuses to emit {@code lzcnt} for a target that lacks it.
     */
    LZCNT("abm"),
    /** BMI1, which brings {@code tzcnt} (on older CPUs F3 0F BC silently executes as {@code bsf}). */
    BMI1("bmi1"),
    BMI2("bmi2"),
    AVX("avx"),
    AVX2("avx2");

    private final String cpuinfoFlag;

    CpuFeature(String cpuinfoFlag) {
        this.cpuinfoFlag = cpuinfoFlag;
    }

    public String cpuinfoFlag() {
        return cpuinfoFlag;
    }
}
