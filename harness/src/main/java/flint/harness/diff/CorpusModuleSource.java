package flint.harness.diff;

import flint.wasm.binary.ModuleDecoder;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.DataSegment;
import flint.wasm.model.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stand-in module source until the generators land: each seed picks a {@code .wasm} file of a
 * corpus folder and, half of the time, mutates the bytes of its data segments (any bytes are valid
 * there, so the module stays valid while the memory it computes on changes). The argument seed
 * changes with the module seed, so replays of one file still explore.
 */
public final class CorpusModuleSource implements ModuleSource {

    private final List<Path> files;
    private final List<byte[]> modules;

    public CorpusModuleSource(Path dir) {
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
            modules = new ArrayList<>();
            for (var f : files) modules.add(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new IllegalArgumentException("no .wasm files in " + dir);
    }

    @Override public GeneratedModule module(long seed) {
        var random = new SplittableRandom(seed);
        int pick = random.nextInt(files.size());
        var name = files.get(pick).getFileName().toString();
        byte[] bytes = modules.get(pick);
        if (random.nextBoolean()) {
            var mutated = mutateData(bytes, random);
            if (mutated != null) {
                return new GeneratedModule(mutated, name + " with mutated data", Map.of("source", "corpus", "file", name, "mutation", "data"));
            }
        }
        return new GeneratedModule(bytes, name, Map.of("source", "corpus", "file", name));
    }

    private static byte[] mutateData(byte[] bytes, SplittableRandom random) {
        WasmModule module;
        try {
            module = ModuleDecoder.decode(bytes);
        } catch (RuntimeException e) {
            return null;
        }
        if (module.data().isEmpty()) return null;
        var data = new ArrayList<DataSegment>();
        for (var segment : module.data()) {
            var content = segment.bytes();
            for (int i = 0, n = 1 + random.nextInt(4); i < n && content.length > 0; i++) {
                content[random.nextInt(content.length)] = (byte) random.nextInt(256);
            }
            data.add(new DataSegment(segment.mode(), content));
        }
        var mutated = new WasmModule(module.types(), module.imports(), module.functions(), module.tables(), module.memories(),
                module.tags(), module.globals(), module.exports(), module.start(), module.elements(), module.dataCount(),
                module.codes(), data, module.customs());
        return ModuleEncoder.encode(mutated);
    }
}
