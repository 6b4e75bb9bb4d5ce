package flint.harness.engine;

/**
 * The engine itself failed or cannot handle the input: an internal error, an unsupported feature,
 * a failure it reports in a way the harness cannot classify. Never a verdict on the module; the
 * oracle treats it as inconclusive (or as a bug in that engine), not as a divergence in semantics.
 */
public final class EngineFailure extends EngineException {

    public EngineFailure(String message, Throwable cause) {
        super(message, message, cause);
    }
}
