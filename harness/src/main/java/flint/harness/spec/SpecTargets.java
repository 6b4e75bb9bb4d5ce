package flint.harness.spec;

import flint.harness.Engines;
import flint.harness.engine.frontend.FrontEndEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The targets the spec runner knows: every engine of {@link Engines}, and Flint's front end. */
public final class SpecTargets {
    private SpecTargets() {}

    public static final SpecTarget FRONT_END = new SpecTarget(FrontEndEngine.NAME, FrontEndEngine::new, false, true);

    public static Optional<SpecTarget> byName(String name) {
        if (name.equals(FRONT_END.name())) return Optional.of(FRONT_END);
        return Engines.create(name).map(probe -> new SpecTarget(name, () -> Engines.create(name).orElseThrow(), true, false));
    }

    public static List<String> names() {
        var all = new ArrayList<>(Engines.names());
        all.add(FRONT_END.name());
        return all;
    }
}
