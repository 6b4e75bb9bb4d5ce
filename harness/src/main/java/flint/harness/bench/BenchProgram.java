package flint.harness.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A benchmark module from {@code corpus/bench}: its name (the file name without .wasm) and bytes. */
public record BenchProgram(String name, Path file, byte[] bytes) {

    /** The program whose compile time is reported as throughput (at least 200 KB of code). */
    public static final String LARGE = "large";

    /** Every {@code *.wasm} in {@code dir}, by name; only those in {@code names} if it is not empty. */
    public static List<BenchProgram> load(Path dir, Set<String> names) {
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".wasm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        var programs = new ArrayList<BenchProgram>();
        for (var file : files) {
            var name = file.getFileName().toString().replaceFirst("\\.wasm$", "");
            if (!names.isEmpty() && !names.contains(name)) continue;
            try {
                programs.add(new BenchProgram(name, file, Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return programs;
    }

    /** The size of the code section (function bodies), the measure of compile throughput. */
    public int codeBytes() {
        return WasmSections.codeSectionSize(bytes);
    }

    @Override public String toString() {
        return name;
    }
}
