package flint.harness.cli;

import flint.harness.gen.Feature;
import flint.harness.gen.GenBench;
import flint.harness.gen.GenCheck;
import flint.harness.gen.GenConfig;
import flint.harness.gen.GenMode;
import flint.harness.gen.GeneratedModule;
import flint.harness.gen.GeneratedProgram;
import flint.harness.gen.Kind;
import flint.harness.gen.Mutator;
import flint.harness.gen.OpcodeStats;
import flint.harness.gen.SeededEntropy;
import flint.wasm.text.WatPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flint gen}: random valid modules that stress a compiler. One seed makes one module (or a
 * linked program, or a single-instruction module, or a mutant of a given module); {@code --stats},
 * {@code --check} and {@code --bench} run many seeds to report opcode coverage, validity on both
 * validators, and generation speed.
 */
@Command(
        name = "gen",
        description = {
            "Generate random valid modules (reproducible from the seed).",
            "Without --out or --print, prints a one-line summary of what the seed makes."},
        mixinStandardHelpOptions = true)
final class GenCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "The seed (default ${DEFAULT-VALUE}); with --stats/--check/--bench, the first seed.")
    long seed;

    @Option(names = "--features", defaultValue = "default", paramLabel = "LIST",
            description = "Comma-separated: default (2.0 without SIMD), all, mvp, sign-ext, sat-trunc, multi-value, "
                    + "bulk-memory, reference-types, simd, tail-call; -NAME removes one (e.g. all,-simd).")
    String features;

    @Option(names = "--mode", defaultValue = "module", paramLabel = "MODE",
            description = "module, linked (2-3 modules importing each other) or single-instruction.")
    String mode;

    @Option(names = "--swarm", description = "Each module disables a random subset of instruction kinds.")
    boolean swarm;

    @Option(names = "--no-nan-canonicalization", description = "Leave NaN results as the engine makes them.")
    boolean noCanonicalization;

    @Option(names = "--oob-rate", paramLabel = "PERMILLE", description = "Out-of-bounds accesses per thousand (default 20).")
    Integer oobRate;

    @Option(names = "--weights", split = ",", paramLabel = "KIND=W", description = "Instruction-kind weights, e.g. simd=0,load=20 (kinds: const, local, global, int_arith, "
                    + "float_arith, load, store, call, call_indirect, block, loop, if, br, br_if, br_table, simd, ...).")
    Map<String, Integer> weights;

    @Option(names = "--max-functions", paramLabel = "N", description = "Defined functions per module (default 6).")
    Integer maxFunctions;

    @Option(names = "--max-body", paramLabel = "N", description = "Instruction budget per body (default 120).")
    Integer maxBody;

    @Option(names = "--mutate", paramLabel = "FILE", description = "Mutate this module instead of generating one.")
    Path mutate;

    @Option(names = "--mutations", defaultValue = "8", paramLabel = "N", description = "Mutations to apply with --mutate (default ${DEFAULT-VALUE}).")
    int mutations;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the module (linked: FILE with .m0, .m1, ... before the extension).")
    Path out;

    @Option(names = "--print", description = "Print the module in the text format.")
    boolean print;

    @Option(names = "--stats", paramLabel = "N", description = "Print how often each opcode appears across N modules; flag enabled opcodes that never do.")
    Integer stats;

    @Option(names = "--check", paramLabel = "N", description = "Generate N seeds and check each validates (Flint and Chicory) and instantiates on Chicory.")
    Integer check;

    @Option(names = "--bench", description = "Measure generation speed against execution on Chicory.")
    boolean bench;

    @Option(names = "--bench-seconds", defaultValue = "3", paramLabel = "S", description = "Seconds per benchmark phase (default ${DEFAULT-VALUE}).")
    double benchSeconds;

    @Override public Integer call() {
        var config = config();
        var genMode = mode();
        var stdout = spec.commandLine().getOut();
        if (bench) {
            GenBench.run(config, benchSeconds, stdout);
            return ExitCodes.OK;
        }
        if (stats != null) {
            var table = new OpcodeStats();
            for (int i = 0; i < stats; i++) {
                for (var m : genMode.generate(seed + i, config).modules()) table.add(m.module().module());
            }
            table.print(config.features(), stdout);
            return ExitCodes.OK;
        }
        if (check != null) {
            var report = GenCheck.run(genMode, config, seed, check, line -> {
                spec.commandLine().getErr().println("flint: " + line);
                spec.commandLine().getErr().flush();
            });
            report.rejections().stream().limit(20).forEach(stdout::println);
            stdout.printf("%d %s checked in %.1f s (%.0f/s, %.1f MB), %d rejected%n", report.programs(),
                    genMode == GenMode.LINKED ? "programs" : "modules", report.seconds(),
                    report.programs() / report.seconds(), report.bytes() / 1e6, report.rejections().size());
            stdout.flush();
            return report.rejections().isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
        }
        GeneratedProgram program;
        if (mutate != null) {
            var mutant = new Mutator(new SeededEntropy(seed), config).mutate(ModuleFiles.read(mutate), mutations);
            program = new GeneratedProgram(List.of(new GeneratedProgram.Named("m0", mutant)));
        } else {
            program = genMode.generate(seed, config);
        }
        emit(program, stdout);
        return ExitCodes.OK;
    }

    private void emit(GeneratedProgram program, java.io.PrintWriter stdout) {
        var modules = program.modules();
        for (int i = 0; i < modules.size(); i++) {
            var named = modules.get(i);
            GeneratedModule m = named.module();
            if (out != null) write(modules.size() == 1 ? out : suffixed(out, named.name()), m.bytes());
            if (print) {
                if (modules.size() > 1) stdout.println(";; registered as \"" + named.name() + "\"");
                stdout.print(WatPrinter.print(m.module()));
            }
            if (out == null && !print) {
                var wm = m.module();
                stdout.printf("seed %d%s: %d bytes, %d types, %d imports, %d functions, %d globals, %d tables, %d data, %d elements%n",
                        seed, modules.size() > 1 ? " " + named.name() : "", m.size(), wm.types().size(), wm.imports().size(),
                        wm.functions().size(), wm.globals().size(), wm.tables().size(), wm.data().size(), wm.elements().size());
            }
        }
        stdout.flush();
    }

    private static Path suffixed(Path file, String name) {
        var fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        var withName = dot < 0 ? fileName + "." + name : fileName.substring(0, dot) + "." + name + fileName.substring(dot);
        return file.resolveSibling(withName);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw CliError.badInput(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private GenMode mode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "module" -> GenMode.MODULE;
            case "linked" -> GenMode.LINKED;
            case "single-instruction", "single" -> GenMode.SINGLE_INSTRUCTION;
            default -> throw CliError.usage("unknown --mode '" + mode + "' (module, linked, single-instruction)");
        };
    }

    private GenConfig config() {
        GenConfig config;
        try {
            config = GenConfig.of(Feature.parse(features));
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
        config = config.withSwarm(swarm).withCanonicalizeNaNs(!noCanonicalization);
        if (oobRate != null) config = config.withOobPermille(oobRate);
        if (weights != null) {
            var w = GenConfig.defaultWeights();
            for (var e : weights.entrySet()) {
                try {
                    w.put(Kind.valueOf(e.getKey().toUpperCase(Locale.ROOT).replace('-', '_')), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw CliError.usage("unknown instruction kind '" + e.getKey() + "' in --weights");
                }
            }
            config = config.withWeights(w);
        }
        if (maxFunctions != null || maxBody != null) {
            if ((maxFunctions != null && maxFunctions < 1) || (maxBody != null && maxBody < 1)) throw CliError.usage("sizes must be positive");
            config = config.withSize(maxFunctions != null ? maxFunctions : config.maxFunctions(),
                    maxBody != null ? maxBody : config.maxBodySize());
        }
        if (stats != null && stats < 1 || check != null && check < 1) throw CliError.usage("N must be positive");
        return config;
    }
}
