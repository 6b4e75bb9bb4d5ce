package flint.spec;

import flint.harness.Engines;
import flint.harness.spec.Outcome;
import flint.harness.spec.SpecTarget;
import flint.harness.spec.Testsuite;
import flint.harness.spec.WastRunner;
import java.nio.file.Path;

/**
 * The child process of {@link NativeCrashSafetyTest}: runs every command of the given testsuite
 * files on the native engine (whose compiler stubs the functions it cannot translate yet, so every
 * supported function of every module runs).
 * Prints {@code start FILE} before each file, so that the parent can name the file a crash
 * happened in, and {@code done} at the end. Exits 0 unless native code kills the process.
 *
 * <p>Arguments: the repository root, then the file names.
 */
final class NativeCrashChild {
    private NativeCrashChild() {}

    public static void main(String[] args) {
        var suite = Testsuite.locate(Path.of(args[0]));
        var targets = new SpecTarget[] {
            new SpecTarget("flint", () -> Engines.create("flint").orElseThrow(), true, false),
        };
        for (int i = 1; i < args.length; i++) {
            for (var target : targets) {
                System.out.println("start " + target.name() + " " + args[i]);
                System.out.flush();
                var results = WastRunner.run(target, suite.file(args[i]));
                long passed = results.stream().filter(r -> r.outcome() == Outcome.PASS).count();
                System.out.println("end " + target.name() + " " + args[i] + " " + passed + "/" + results.size());
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
