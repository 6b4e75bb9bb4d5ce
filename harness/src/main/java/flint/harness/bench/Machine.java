package flint.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a benchmark ran: the figures mean little without it. */
public record Machine(String cpu, int cores, String os, String java) {

    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.version().toString());
    }

    /** The "model name" line of /proc/cpuinfo (what lscpu prints as Model name). */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    @Override public String toString() {
        return cpu + ", " + cores + " cores (nproc), " + os + ", JDK " + java;
    }
}
