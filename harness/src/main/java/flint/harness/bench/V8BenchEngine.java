package flint.harness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * V8 through Node.js, one child process per sample: {@code v8-runner.js} (a resource) times
 * {@code WebAssembly.compile} and the calls inside Node.js and answers with one line of JSON.
 * Node.js runs with {@code --single-threaded} (compile time is one thread's work) and
 * {@code --no-wasm-lazy-compilation} (Node 20 compiles functions lazily by default, which would
 * leave the compile time nearly empty), plus the tier flags of the variant.
 */
public final class V8BenchEngine implements BenchEngine {

    /** The two tiers the issue compares with. */
    public enum Tier {
        /** V8's baseline compiler, Liftoff: the peer of a streaming one-pass compiler. */
        LIFTOFF("v8-liftoff", "--liftoff-only"),
        /** V8's optimizing compiler, TurboFan: the limit. */
        TURBOFAN("v8-turbofan", "--no-liftoff");

        final String engineName;
        final String flag;

        Tier(String engineName, String flag) {
            this.engineName = engineName;
            this.flag = flag;
        }
    }

    private static final long TIMEOUT_SECONDS = 300;

    private final Tier tier;
    private final String node;
    private final Path runner;
    private final Path workDir;

    private V8BenchEngine(Tier tier, String node, Path workDir) {
        this.tier = tier;
        this.node = node;
        this.workDir = workDir;
        this.runner = workDir.resolve("v8-runner.js");
    }

    /** The engine for {@code tier}, or empty if there is no {@code node} on the PATH. */
    static Optional<V8BenchEngine> create(Tier tier) {
        var node = findNode();
        if (node.isEmpty()) return Optional.empty();
        try {
            var dir = Files.createTempDirectory("flint-bench-v8");
            try (InputStream in = V8BenchEngine.class.getResourceAsStream("v8-runner.js")) {
                if (in == null) throw new IllegalStateException("v8-runner.js is missing from the classpath");
                Files.write(dir.resolve("v8-runner.js"), in.readAllBytes());
            }
            return Optional.of(new V8BenchEngine(tier, node.get(), dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the V8 runner", e);
        }
    }

    /** {@code node} from the PATH, if it runs. */
    static Optional<String> findNode() {
        try {
            var p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? Optional.of("node") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override public String name() {
        return tier.engineName;
    }

    @Override public Set<Workload> workloads() {
        return Set.of(Workload.FULL, Workload.SMALL);
    }

    @Override public String describe() {
        return "Node.js " + nodeVersion() + " " + String.join(" ", flags());
    }

    private List<String> flags() {
        return List.of("--single-threaded", "--no-wasm-lazy-compilation", tier.flag);
    }

    private String nodeVersion() {
        try {
            var p = new ProcessBuilder(node, "-p", "process.version + ' (V8 ' + process.versions.v8 + ')'")
                    .redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "(version unknown)";
        }
    }

    @Override public Sample sample(BenchProgram program, Workload workload, int warmup) throws BenchFailure {
        var command = new ArrayList<String>();
        command.add(node);
        command.addAll(flags());
        command.addAll(List.of(runner.toString(), program.file().toAbsolutePath().toString(),
                workload.export(), Integer.toString(warmup), "1"));
        String out, err;
        int exit;
        try {
            var process = new ProcessBuilder(command).start();
            var errReader = process.errorReader();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            err = errReader.lines().reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BenchFailure(false, "node did not finish in " + TIMEOUT_SECONDS + " s", null);
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new BenchFailure(false, "cannot run node: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure(false, "interrupted", e);
        }
        if (exit != 0) {
            var firstLine = err.lines().findFirst().orElse("exit code " + exit);
            throw new BenchFailure(BenchFailure.meansNotSupported(new RuntimeException(err)), firstLine, null);
        }
        return parse(out);
    }

    private static Sample parse(String out) throws BenchFailure {
        try {
            if (!(Json.parse(out.strip()) instanceof Map<?, ?> answer)) throw new IllegalArgumentException("not an object");
            var exec = (List<?>) answer.get("execMs");
            return new Sample(number(answer, "compileMs"), number(answer, "firstRunMs"),
                    ((Number) exec.getFirst()).doubleValue(), (int) number(answer, "checksum"));
        } catch (RuntimeException e) {
            throw new BenchFailure(false, "unreadable answer from the V8 runner: " + out.strip(), e);
        }
    }

    private static double number(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Number n)) throw new IllegalArgumentException("no number " + key);
        return n.doubleValue();
    }

    @Override public void close() {
        try {
            Files.deleteIfExists(runner);
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // a stray temporary file is no reason to fail a finished run
        }
    }
}
