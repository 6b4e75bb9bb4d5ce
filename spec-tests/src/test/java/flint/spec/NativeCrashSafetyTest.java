package flint.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No valid module makes the JVM crash: every module of the integer stage's testsuite files is
 * compiled and run natively (every command of every script) in a child JVM, where a fault in
 * generated code (SIGSEGV, SIGFPE, SIGILL: HotSpot does not recover them in native code) kills
 * only the child. The child must exit normally and report that it finished.
 */
class NativeCrashSafetyTest {
    private static final Path REPO = Path.of(System.getProperty("flint.repo", "..")).toAbsolutePath().normalize();
    private static final long TIMEOUT_MINUTES = 10;

    @Test
    void everyModuleOfTheIntegerStageRunsWithoutKillingTheProcess() throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xss64m",
                "-cp", System.getProperty("java.class.path"), NativeCrashChild.class.getName(), REPO.toString()));
        command.addAll(NativeStageFiles.INTEGER_STAGE);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new StringBuilder();
        var reader = Thread.ofPlatform().start(() -> {
            try (var in = process.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(reading the child's output failed: ").append(e).append(')');
            }
        });
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the child JVM did not finish in " + TIMEOUT_MINUTES + " minutes; last output:\n" + tail(output.toString()));
        }
        reader.join();
        String text = output.toString();
        int status = process.exitValue();
        String lastStarted = text.lines().filter(l -> l.startsWith("start ")).reduce((a, b) -> b).orElse("(none)");
        assertEquals(0, status, () -> "the child JVM died with status " + status + " during '" + lastStarted
                + "'; its output ends:\n" + tail(text));
        assertTrue(text.lines().anyMatch("done"::equals), () -> "the child did not finish:\n" + tail(text));
    }

    private static String tail(String text) {
        var lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
