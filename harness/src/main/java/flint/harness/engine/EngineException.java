package flint.harness.engine;

/**
 * Every outcome of instantiating or calling that is not a normal return. Sealed so that the oracle
 * can compare two engines' outcomes with an exhaustive switch.
 *
 * <p>{@link #getMessage()} is the engine-neutral text (the spec testsuite's wording where one
 * exists); {@link #detail()} keeps the engine's own words for reports.
 */
public abstract sealed class EngineException extends RuntimeException
        permits Trap, LinkException, ModuleException, UncaughtWasmException, EngineFailure {

    private final String detail;

    protected EngineException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = detail == null ? message : detail;
    }

    /** What the engine itself said, e.g. Chicory's "Trapped on unreachable instruction". */
    public String detail() {
        return detail;
    }
}
