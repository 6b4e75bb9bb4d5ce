package flint.compiler.microwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flint.wasm.WasmException;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.WasmModule;
import flint.wasm.text.Command;
import flint.wasm.text.ModuleSource;
import flint.wasm.text.WastParser;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module of the official spec testsuite through the converter: each function of a valid
 * module either converts into Microwasm that {@link MicrowasmChecker} accepts or is rejected as
 * unsupported, and every module the validator rejects the converter rejects with the same message
 * (driving the validator in lockstep must not change its verdict).
 */
class SpecTestsuiteConversionTest {

    private static Path root() {
        var property = System.getProperty("flint.testsuite");
        if (property != null && !property.isBlank()) return Path.of(property);
        var cwd = Path.of("").toAbsolutePath();
        var project = Files.isDirectory(cwd.resolve("compiler")) ? cwd : cwd.getParent();
        return project.resolve("../shared/wasm-testsuite").normalize();
    }

    private final List<String> problems = new ArrayList<>();
    private int converted;
    private int rejected;
    private int invalid;

    @Test void everyTestsuiteModule() throws IOException {
        var root = root();
        assumeTrue(Files.isDirectory(root), "no testsuite at " + root);
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(root)) {
            scripts = files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        for (var script : scripts) {
            var name = root.relativize(script).toString();
            List<Command> commands;
            try {
                commands = WastParser.parse(script).commands();
            } catch (WasmException e) {
                continue; // the text front end's own gaps are its tests' business
            }
            for (var command : commands) {
                switch (command) {
                    case Command.Module m -> valid(name, m.line(), m.module());
                    case Command.AssertUnlinkable a -> valid(name, a.line(), a.module());
                    case Command.AssertUninstantiable a -> valid(name, a.line(), a.module());
                    case Command.AssertInvalid a -> invalid(name, a.line(), a.module());
                    default -> { }
                }
            }
        }
        System.out.printf("microwasm over the testsuite: %d functions converted, %d rejected as unsupported, %d invalid modules%n",
                converted, rejected, invalid);
        assertEquals(List.of(), problems);
    }

    private static WasmModule decode(ModuleSource source) {
        if (source instanceof ModuleSource.Instance) return null;
        try {
            return ModuleDecoder.decode(source.binary());
        } catch (WasmException e) {
            return null;
        }
    }

    private void valid(String file, int line, ModuleSource source) {
        var module = decode(source);
        if (module == null) return;
        try {
            for (var c : MicrowasmModule.convert(module).functions()) {
                switch (c) {
                    case MicrowasmModule.Converted(var f) -> {
                        MicrowasmChecker.check(f);
                        converted++;
                    }
                    case MicrowasmModule.Rejected r -> rejected++;
                }
            }
        } catch (InvalidModuleException e) {
            // The validator's own disagreements with the testsuite are recorded in its baseline, not here.
            if (!rejectedByValidator(module)) problems.add(file + ":" + line + ": the converter alone rejects it: " + e.getMessage());
        } catch (RuntimeException | AssertionError e) {
            problems.add(file + ":" + line + ": " + e);
        }
    }

    private void invalid(String file, int line, ModuleSource source) {
        var module = decode(source);
        if (module == null) return;
        String expected;
        try {
            Validator.validate(module);
            return; // a validator gap, not the converter's
        } catch (InvalidModuleException e) {
            expected = e.getMessage();
        } catch (WasmException e) {
            return;
        }
        invalid++;
        try {
            MicrowasmModule.convert(module);
            problems.add(file + ":" + line + ": the converter accepted an invalid module (" + expected + ")");
        } catch (InvalidModuleException e) {
            if (!e.getMessage().equals(expected)) {
                problems.add(file + ":" + line + ": the converter says '" + e.getMessage() + "', the validator '" + expected + "'");
            }
        } catch (RuntimeException | AssertionError e) {
            problems.add(file + ":" + line + ": invalid module, converter threw " + e);
        }
    }

    private static boolean rejectedByValidator(WasmModule module) {
        try {
            Validator.validate(module);
            return false;
        } catch (WasmException e) {
            return true;
        }
    }
}
