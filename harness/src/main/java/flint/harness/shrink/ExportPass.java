package flint.harness.shrink;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Drops exports: each one is a call the predicate's oracle makes, and a root that keeps code
 * alive. The recorded calls of a dropped export go with it.
 */
record ExportPass() implements ShrinkPass {
    @Override public String name() { return "exports"; }

    @Override public ShrinkSubject run(ShrinkSubject subject, Candidates candidates) {
        var module = subject.module();
        List<Integer> positions = IntStream.range(0, module.exports().size()).boxed().toList();
        return Chunks.applyToSubject(subject, positions, drop -> {
            var gone = new HashSet<String>();
            for (int p : drop) gone.add(module.exports().get(p).name());
            var calls = subject.calls().stream().filter(c -> !gone.contains(c.export())).toList();
            return new ShrinkSubject(Modules.withExports(module, Modules.without(module.exports(), drop)), calls);
        }, candidates);
    }
}
