package flint.harness.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import flint.harness.engine.TrapKind;
import java.util.concurrent.TimeUnit;

/**
 * Runs a module's call sequence on V8 through Node.js with the runner script {@code wasm-runner.js}
 * (a resource, shared with the report pages). Absent Node.js is not an error: every run then says
 * "unavailable".
 */
public final class NodeRunner {

    /** Which V8 tier: each flag keeps V8 on one compiler for the whole run. */
    public enum Flavour {
        LIFTOFF("v8-liftoff", "--liftoff-only"),
        TURBOFAN("v8-turbofan", "--no-liftoff");

        private final String engineName;
        private final String flag;

        Flavour(String engineName, String flag) {
            this.engineName = engineName;
            this.flag = flag;
        }

        public String engineName() { return engineName; }
    }

    public sealed interface Result {
        /**
         * @param states the state after instantiating and after each call, as the runner's digest
         *     text (the form of {@link EngineState#digest()}): {@code states.get(step)} is the state
         *     after that step; empty when instantiation failed
         */
        record Ran(V8Outcome instantiate, List<V8Outcome> calls, List<String> states) implements Result {
            public Ran {
                calls = List.copyOf(calls);
                states = List.copyOf(states);
            }

            /** The outcome of {@code step} (0: instantiation), or null when the run did not get there. */
            public V8Outcome outcome(int step) {
                return step == 0 ? instantiate : step >= 1 && step <= calls.size() ? calls.get(step - 1) : null;
            }

            /** The state after {@code step}, or null when the runner has none. */
            public String state(int step) {
                return step >= 0 && step < states.size() ? states.get(step) : null;
            }
        }
        record Unavailable(String why) implements Result {}
    }

    /** One V8 outcome as the runner printed it. */
    public sealed interface V8Outcome {
        /** Whether this says the same as an engine's outcome (trap kinds by V8's wording). */
        boolean matches(Outcome outcome);

        record Instantiated() implements V8Outcome {
            public boolean matches(Outcome o) { return o instanceof Outcome.Instantiated; }
            @Override public String toString() { return "instantiated"; }
        }

        record Returned(List<JsonValue> values) implements V8Outcome {
            public boolean matches(Outcome o) {
                if (!(o instanceof Outcome.Returned(var mine)) || mine.size() != values.size()) return false;
                for (int i = 0; i < values.size(); i++) {
                    var v8 = values.get(i).asResult();
                    if (Values.compare(v8, mine.get(i), false) == Values.Match.DIFFERENT && !quietedByJavaScript(v8, mine.get(i))) return false;
                }
                return true;
            }
            /** An f32 reaches JavaScript as a double, which sets a signalling NaN's quiet bit. */
            private static boolean quietedByJavaScript(flint.wasm.value.Value v8, flint.wasm.value.Value engine) {
                return engine instanceof flint.wasm.value.Value.F32 && v8.equals(Values.quieted(engine));
            }

            /** As {@link Outcome.Returned} words it, so that texts compare. */
            @Override public String toString() { return values.isEmpty() ? "returned ()" : "returned " + values; }
        }

        /** A trap with the kinds its message can stand for at the instruction that trapped. */
        record Trapped(String message, Set<TrapKind> kinds) implements V8Outcome {
            Trapped(String message) {
                this(message, ThirdOpinions.v8TrapKinds(message, ""));
            }

            public boolean matches(Outcome o) {
                return o instanceof Outcome.Trapped t && kinds.contains(t.kind());
            }
            @Override public String toString() { return "trap: " + message; }
        }

        record Other(String what, String message) implements V8Outcome {
            public boolean matches(Outcome o) {
                return switch (what) {
                    case "rejected" -> o instanceof Outcome.Rejected;
                    case "link" -> o instanceof Outcome.LinkFailed;
                    default -> false;
                };
            }
            @Override public String toString() { return what + ": " + message; }
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Optional<Path> node;

    private NodeRunner(Optional<Path> node) {
        this.node = node;
    }

    /** Node.js from the PATH, or a runner that reports it missing. */
    public static NodeRunner find() {
        var path = System.getenv().getOrDefault("PATH", "");
        for (var dir : path.split(java.io.File.pathSeparator)) {
            var candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (Files.isExecutable(candidate)) return new NodeRunner(Optional.of(candidate));
        }
        return new NodeRunner(Optional.empty());
    }

    public boolean available() {
        return node.isPresent();
    }

    /** The runner script's text (the report pages embed it). */
    public static String script() {
        try (InputStream in = NodeRunner.class.getResourceAsStream("wasm-runner.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("wasm-runner.js is missing from the harness's resources", e);
        }
    }

    public Result run(Flavour flavour, byte[] module, List<Finding.FindingCall> calls) {
        return run(flavour, module, calls, TIMEOUT, -1);
    }

    /**
     * One run of the calls on one tier; {@code timeout} bounds the whole Node.js process; with
     * {@code window >= 0} the states show the memory bytes from there ({@link EngineState#digest(long)}).
     */
    public Result run(Flavour flavour, byte[] module, List<Finding.FindingCall> calls, Duration timeout, long window) {
        if (node.isEmpty()) return new Result.Unavailable("node is not installed");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flint-v8");
            var script = dir.resolve("wasm-runner.js");
            Files.writeString(script, script());
            var wasm = Files.write(dir.resolve("m.wasm"), module);
            var json = dir.resolve("calls.json");
            FindingJson.LINES.writeValue(json.toFile(), calls);
            // one line, long with the states of big tables: to a file, so that no pipe fills up
            var output = dir.resolve("out.json");
            var process = new ProcessBuilder(node.get().toString(), flavour.flag, script.toString(), wasm.toString(), json.toString(),
                    Long.toString(window))
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                return new Result.Unavailable("node did not finish within " + timeout.toMillis() + " ms");
            }
            var out = Files.readString(output, StandardCharsets.UTF_8).trim();
            return parse(FindingJson.LINES.readTree(out));
        } catch (IOException | RuntimeException e) {
            return new Result.Unavailable("node failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unavailable("interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    static Result parse(JsonNode root) {
        if (root == null || root.has("error") && !root.has("calls")) {
            return new Result.Unavailable("the runner failed: " + (root == null ? "no output" : root.get("error").asText()));
        }
        var calls = new ArrayList<V8Outcome>();
        root.get("calls").forEach(c -> calls.add(outcome(c)));
        var states = new ArrayList<String>();
        root.path("states").forEach(s -> states.add(s.asText()));
        return new Result.Ran(outcome(root.get("instantiate")), calls, states);
    }

    private static V8Outcome outcome(JsonNode n) {
        if (n.has("instantiated")) return new V8Outcome.Instantiated();
        if (n.has("returned")) {
            var values = new ArrayList<JsonValue>();
            n.get("returned").forEach(v -> values.add(new JsonValue(v.get("type").asText(), v.get("value").asText())));
            return new V8Outcome.Returned(values);
        }
        if (n.has("trap")) {
            var message = n.get("trap").asText();
            return new V8Outcome.Trapped(message, ThirdOpinions.v8TrapKinds(message, n.path("at").asText("")));
        }
        var field = n.fieldNames().hasNext() ? n.fieldNames().next() : "error";
        return new V8Outcome.Other(field, n.path(field).asText());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
