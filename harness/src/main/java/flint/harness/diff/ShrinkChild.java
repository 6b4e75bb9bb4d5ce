package flint.harness.diff;

import flint.harness.shrink.ShrinkBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM that shrinks one finding ({@link Minimizer#inChildJvm}): reads {@code repro.wasm}
 * and {@code finding.json} from a folder, writes {@code shrunk.wasm} and {@code shrunk.json} (the
 * finding with the shrunk calls) there, prints the shrinker's summary. Arguments: the folder, then
 * the budget in seconds.
 */
public final class ShrinkChild {

    private ShrinkChild() {}

    public static void main(String[] args) throws IOException {
        var dir = Path.of(args[0]);
        var budget = ShrinkBudget.ofTime(Duration.ofSeconds(Long.parseLong(args[1])));
        var finding = FindingJson.read(dir.resolve("finding.json"), Finding.class);
        byte[] module = Files.readAllBytes(dir.resolve("repro.wasm"));
        var shrinker = FindingShrinker.forFinding(finding);
        var report = shrinker.shrink(module, finding, budget);
        byte[] shrunk = flint.wasm.binary.ModuleEncoder.encode(report.module());
        // the shrunk calls first as they are, so a crash in the replay below still leaves a pair
        FindingJson.write(dir.resolve("shrunk.json"), FindingShrinker.withCalls(finding, shrunk, report.calls()));
        AtomicFiles.write(dir.resolve("shrunk.wasm"), shrunk);
        System.out.println(report.summary());
        FindingJson.write(dir.resolve("shrunk.json"), shrinker.shrunkFinding(finding, report));
        System.exit(0); // engine threads abandoned on a timeout must not keep the JVM alive
    }

    /** Runs the child on a copy of the finding; the module and finding themselves if the child fails or overruns. */
    static Minimizer.Minimized run(byte[] module, Finding finding, Duration budget, List<String> jvmOptions) {
        var unchanged = new Minimizer.Minimized(module, finding, false);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flint-shrink");
            Files.write(dir.resolve("repro.wasm"), module);
            FindingJson.write(dir.resolve("finding.json"), finding);
            var command = new ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ShrinkChild.class.getName());
            command.add(dir.toString());
            command.add(Long.toString(Math.max(1, budget.toSeconds())));
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("shrink.log").toFile()).start();
            // the shrinker stops itself at the budget; the margin covers start-up and a last candidate
            if (!process.waitFor(budget.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return unchanged;
            }
            var shrunk = dir.resolve("shrunk.wasm");
            var shrunkFinding = dir.resolve("shrunk.json");
            if (!Files.exists(shrunk) || !Files.exists(shrunkFinding)) return unchanged;
            return new Minimizer.Minimized(Files.readAllBytes(shrunk), FindingJson.read(shrunkFinding, Finding.class), true);
        } catch (IOException | RuntimeException e) {
            return unchanged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unchanged;
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (var f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
