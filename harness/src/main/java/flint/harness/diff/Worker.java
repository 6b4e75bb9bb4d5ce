package flint.harness.diff;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;

/**
 * A campaign's worker JVM: reads {@link WorkerProtocol.Request} lines on stdin, runs each module on
 * the engines in this process (native code included: if it crashes the JVM, only this worker dies)
 * and answers one {@link WorkerProtocol.Response} line on stdout. Anything engines print goes to
 * stderr, so stdout carries the protocol only.
 */
public final class Worker {
    private Worker() {}

    public static void main(String[] args) throws Exception {
        var protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            var request = FindingJson.LINES.readValue(line, WorkerProtocol.Request.class);
            var response = handle(request);
            protocol.println(FindingJson.LINES.writeValueAsString(response));
            if (response.restart()) System.exit(0);
        }
    }

    static WorkerProtocol.Response handle(WorkerProtocol.Request request) {
        try {
            var config = new DifferentialOracle.Config(request.callsPerExport(), Duration.ofMillis(request.stepTimeoutMillis()),
                    request.exactNaNs(), new EdgeBiasedArguments());
            var oracle = DifferentialOracle.of(config, request.engines());
            byte[] module = Base64.getDecoder().decode(request.module());
            var verdict = oracle.run(module, request.seed());
            var reasons = new LinkedHashMap<String, Integer>();
            verdict.inconclusive().forEach(i -> reasons.merge(i.reason().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
            Finding finding = verdict.diverged()
                    ? ReportWriter.finding(module, verdict.divergences().getFirst(), request.seed(), request.generator()) : null;
            boolean wedged = verdict.steps().stream().anyMatch(s -> s.outcomes().values().stream().anyMatch(o -> o instanceof Outcome.Hung));
            return new WorkerProtocol.Response(request.id(), verdict.calls(), reasons, finding, wedged, null);
        } catch (RuntimeException e) {
            return new WorkerProtocol.Response(request.id(), 0, java.util.Map.of(), null, true, e.toString());
        }
    }
}
