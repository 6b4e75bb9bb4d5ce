package flint.spec;

import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import flint.harness.spec.Testsuite;
import flint.wasm.WasmException;
import flint.wasm.binary.MalformedModuleException;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.text.Command;
import flint.wasm.text.ModuleSource;
import flint.wasm.text.WastParser;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our validator and Chicory's agree on whether each module is valid, for every module the tests
 * can produce: every module of the spec testsuite (definitions and the subjects of assertions,
 * binary or text) and every sample module of corpus/. Known disagreements are listed with their
 * reason in {@code spec-tests/baseline/validator-agreement.tsv}; a new one fails, and so does a
 * listed one that no longer disagrees ({@code -Dflint.spec.updateBaseline=true} rewrites the list,
 * keeping the reasons already written).
 */
class ValidatorAgreementTest {
    private static final Path REPO = Path.of(System.getProperty("flint.repo", "..")).toAbsolutePath().normalize();
    private static final Path LIST = REPO.resolve("spec-tests/baseline/validator-agreement.tsv");

    enum Verdict { VALID, MALFORMED, INVALID, UNSUPPORTED }

    static Verdict ours(byte[] bytes) {
        try {
            Validator.validate(ModuleDecoder.decode(bytes));
            return Verdict.VALID;
        } catch (flint.wasm.binary.UnsupportedFeatureException e) {
            return Verdict.UNSUPPORTED;
        } catch (MalformedModuleException e) {
            return Verdict.MALFORMED;
        } catch (InvalidModuleException e) {
            return Verdict.INVALID;
        }
    }

    /** Chicory's verdict and, when it rejects, its message. */
    record ChicoryVerdict(Verdict verdict, String message) {}

    static ChicoryVerdict chicory(byte[] bytes) {
        try {
            Parser.parse(bytes);
            return new ChicoryVerdict(Verdict.VALID, "");
        } catch (MalformedException e) {
            return new ChicoryVerdict(Verdict.MALFORMED, e.getMessage());
        } catch (InvalidException e) {
            return new ChicoryVerdict(Verdict.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            // Chicory reports some decoding failures with its generic type or an unchecked JDK exception
            return new ChicoryVerdict(Verdict.MALFORMED, e.toString());
        }
    }

    @Test
    void validatorsAgreeOnEveryModuleTheTestsProduce() throws IOException {
        var disagreements = new LinkedHashMap<String, String>();
        int compared = 0;
        for (var subject : subjects()) {
            var ours = ours(subject.bytes);
            if (ours == Verdict.UNSUPPORTED) continue;
            var theirs = chicory(subject.bytes);
            compared++;
            if ((ours == Verdict.VALID) != (theirs.verdict() == Verdict.VALID)) {
                var chicorySaid = theirs.message().isEmpty() ? "Chicory's parser accepts it"
                        : "Chicory: " + theirs.message().replace('\t', ' ').replace('\n', ' ')
                                .replace("section size mismatch, unexpected end of section or function, ", "");
                disagreements.put(subject.key, "flint " + ours.name().toLowerCase() + ", chicory "
                        + theirs.verdict().name().toLowerCase() + "\t" + "the testsuite expects " + subject.expectation
                        + "; " + chicorySaid);
            }
        }
        var known = readList();
        if (Boolean.getBoolean("flint.spec.updateBaseline")) {
            writeList(disagreements);
            return;
        }
        var problems = new ArrayList<String>();
        disagreements.forEach((key, what) -> {
            if (!known.containsKey(key)) problems.add("new disagreement: " + key + ": " + what);
        });
        known.keySet().forEach(key -> {
            if (!disagreements.containsKey(key)) problems.add("listed disagreement no longer happens: " + key);
        });
        assertTrue(compared > 4000, "too few modules compared: " + compared);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** A module, where it comes from and what the testsuite says it is. */
    private record Subject(String key, byte[] bytes, String expectation) {}

    private static List<Subject> subjects() throws IOException {
        var subjects = new ArrayList<Subject>();
        var suite = Testsuite.locate(REPO);
        for (var file : suite.files()) {
            var script = WastParser.parse(Files.readString(file.path()), file.name());
            var commands = script.commands();
            for (int i = 0; i < commands.size(); i++) {
                var command = commands.get(i);
                ModuleSource source = switch (command) {
                    case Command.Module m -> m.module();
                    case Command.AssertInvalid a -> a.module();
                    case Command.AssertMalformed a -> a.module() instanceof ModuleSource.Binary ? a.module() : null;
                    case Command.AssertUnlinkable a -> a.module();
                    case Command.AssertUninstantiable a -> a.module();
                    default -> null;
                };
                var expectation = switch (command) {
                    case Command.AssertInvalid a -> "invalid ('" + a.message() + "')";
                    case Command.AssertMalformed a -> "malformed ('" + a.message() + "')";
                    default -> "valid";
                };
                if (source == null || source instanceof ModuleSource.Instance) continue;
                try {
                    subjects.add(new Subject(file.name() + "#" + i, source.binary(), expectation));
                } catch (WasmException e) {
                    // a module our text front end cannot produce: nothing to compare
                }
            }
        }
        try (Stream<Path> samples = Files.list(REPO.resolve("corpus/samples"))) {
            for (var p : samples.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                subjects.add(new Subject("corpus/samples/" + p.getFileName(), Files.readAllBytes(p), "valid"));
            }
        }
        return subjects;
    }

    private static Map<String, String> readList() throws IOException {
        var known = new LinkedHashMap<String, String>();
        if (!Files.exists(LIST)) return known;
        for (var line : Files.readAllLines(LIST)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            var cells = line.split("\t", 2);
            known.put(cells[0], cells.length == 2 ? cells[1] : "");
        }
        return known;
    }

    private static void writeList(Map<String, String> disagreements) throws IOException {
        var sb = new StringBuilder("""
                # Modules on which Flint's validator and Chicory 1.7.5's disagree (valid vs rejected).
                # Columns: subject (testsuite file#command or corpus path), verdicts, reason (what the
                # testsuite, which decides, expects, and what Chicory said).
                """);
        disagreements.forEach((key, what) -> sb.append(key).append('\t').append(what).append('\n'));
        Files.writeString(LIST, sb);
    }
}
