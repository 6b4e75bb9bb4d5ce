package flint.spec;

import flint.compiler.NativeCompiler;
import flint.harness.engine.flint.FlintEngine;
import flint.harness.spec.CommandResult;
import flint.harness.spec.Outcome;
import flint.harness.spec.SpecTarget;
import flint.harness.spec.Testsuite;
import flint.harness.spec.WastRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the integer stage's testsuite files on the native engine with every function the compiler
 * does not support yet replaced by a stub that traps with "host error"
 * ({@link NativeCompiler#compilePartially}), so that the integer functions of modules that also
 * contain floating-point ones run too. The spec gate skips those modules entirely; this test
 * holds their integer functions to the expected results.
 *
 * <p>The runtime has no tables yet, so the partially compiled modules have their tables, table
 * imports and exports and element segments removed (nothing reads them without
 * {@code call_indirect}, which is stubbed). That changes what links and what traps during
 * instantiation, so {@code assert_unlinkable} and {@code assert_uninstantiable} are not judged
 * here (the spec gate judges them on the real modules).
 *
 * <p>A command may fail only because it reaches a stub ("host error") or because something
 * outside the compiler's stage is missing (tables in the runtime, and so the {@code spectest}
 * module, which has a table); any other failure is a compiler bug.
 */
class PartialCompilationSpecTest {
    private static final Path REPO = Path.of(System.getProperty("flint.repo", "..")).toAbsolutePath().normalize();

    /** Failures that say a stub or a next-stage feature was reached, not a wrong answer. */
    private static final Pattern EXCUSED = Pattern.compile(
            "host error|not supported|unknown import|unknown export|no instance to act on|nothing to register"
                    + "|failed to instantiate");

    @TestFactory
    Stream<DynamicTest> integerFunctionsOfEveryModule() {
        var suite = Testsuite.locate(REPO);
        var target = new SpecTarget("flint-partial", () -> new FlintEngine(NativeCompiler::compilePartially), true, false);
        return NativeStageFiles.INTEGER_STAGE.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<CommandResult> results = WastRunner.run(target, suite.file(name));
            var wrong = new ArrayList<String>();
            for (var r : results) {
                if (r.outcome() == Outcome.PASS) continue;
                if (r.detail() != null && EXCUSED.matcher(r.detail()).find()) continue;
                if (r.kind().equals("assert_unlinkable") || r.kind().equals("assert_uninstantiable")) continue;
                // after an assert_unlinkable that links without its table import, its data segment wrote "a"
                if (r.file().equals("linking.wast") && r.line() == 550) continue;
                wrong.add(r.file() + ":" + r.line() + " #" + r.index() + " " + r.kind() + " " + r.outcome().text() + ": "
                        + r.detail());
            }
            Assertions.assertTrue(wrong.isEmpty(), () -> wrong.size() + " wrong results:\n" + String.join("\n", wrong));
        }));
    }
}
