package flint.harness.diff;

import java.util.List;
import java.util.Map;

/**
 * The line-delimited JSON between a campaign's coordinator and its worker JVMs: one request line
 * in, one response line out.
 */
public final class WorkerProtocol {
    private WorkerProtocol() {}

    /** Run one module through the oracle. */
    public record Request(long id, long seed, String module, Map<String, String> generator, List<String> engines,
                          int callsPerExport, long stepTimeoutMillis, boolean exactNaNs) {}

    /**
     * @param finding the first divergence, or null
     * @param inconclusive per reason, the inconclusive steps
     * @param restart the worker left a thread behind (a wedged engine) and exits after this answer
     */
    public record Response(long id, int calls, Map<String, Integer> inconclusive, Finding finding, boolean restart, String error) {}
}
