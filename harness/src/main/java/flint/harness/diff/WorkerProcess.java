package flint.harness.diff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The coordinator's handle on one worker JVM, started with this JVM's own java and classpath. */
final class WorkerProcess implements AutoCloseable {

    /** What became of a request. */
    sealed interface Reply {
        record Answer(WorkerProtocol.Response response) implements Reply {}
        record Died(int exitCode, String stderrTail) implements Reply {}
        record TimedOut() implements Reply {}
    }

    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StderrTail stderr;

    private WorkerProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process went away: EOF below tells the waiting request
            }
            lines.add(EOF);
        });
        this.stderr = new StderrTail(process);
    }

    static WorkerProcess start(List<String> jvmOptions) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Worker.class.getName());
        return new WorkerProcess(new ProcessBuilder(command).start());
    }

    Reply send(WorkerProtocol.Request request, Duration timeout) {
        try {
            stdin.write(FindingJson.LINES.writeValueAsString(request) + "\n");
            stdin.flush();
        } catch (IOException e) {
            return died();
        }
        try {
            var line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) return new Reply.TimedOut();
            if (line.equals(EOF)) return died();
            return new Reply.Answer(FindingJson.LINES.readValue(line, WorkerProtocol.Response.class));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.TimedOut();
        } catch (IOException e) {
            return died();
        }
    }

    private Reply died() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Reply.Died(process.isAlive() ? -1 : process.exitValue(), stderr.tail());
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override public void close() {
        process.destroyForcibly();
    }

    /** The last few KiB a worker wrote to stderr: a JVM crash's first lines, for the finding. */
    private static final class StderrTail {
        private final StringBuilder tail = new StringBuilder();

        StderrTail(Process process) {
            var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            Thread.ofVirtual().start(() -> {
                try {
                    for (String line; (line = err.readLine()) != null; ) {
                        synchronized (tail) {
                            tail.append(line).append('\n');
                            if (tail.length() > 4096) tail.delete(0, tail.length() - 4096);
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            });
        }

        String tail() {
            synchronized (tail) {
                return tail.toString();
            }
        }
    }

    Optional<Long> pid() {
        return Optional.of(process.pid());
    }
}
