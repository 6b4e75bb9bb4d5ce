package flint.harness.gen;

import flint.harness.engine.Engine;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.validate.Validator;

/**
 * The generators' acceptance check: a generated module must decode and validate under Flint's
 * validator, and validate and instantiate on the reference engine (Chicory parses with its own
 * validator). SIMD modules skip the engine step: the published Chicory does not implement SIMD.
 */
public final class ModuleCheck {
    private final Engine engine = new ChicoryEngine();

    /** Why a module was rejected: which checker, and its message. */
    public record Rejection(String checker, String message) {
        @Override public String toString() {
            return checker + ": " + message;
        }
    }

    /** Null if the module passes, else the first rejection. */
    public Rejection check(GeneratedModule module, boolean onEngine) {
        try {
            Validator.validate(ModuleDecoder.decode(module.bytes()));
        } catch (RuntimeException e) {
            return new Rejection("flint validator", String.valueOf(e.getMessage()));
        }
        if (onEngine) {
            try {
                engine.instantiate(module.bytes(), module.imports());
            } catch (RuntimeException e) {
                return new Rejection(engine.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Checks every module of a program, then links and instantiates them together. */
    public Rejection check(GeneratedProgram program, boolean onEngine) {
        for (var named : program.modules()) {
            try {
                Validator.validate(ModuleDecoder.decode(named.module().bytes()));
            } catch (RuntimeException e) {
                return new Rejection("flint validator (" + named.name() + ")", String.valueOf(e.getMessage()));
            }
        }
        if (onEngine) {
            try {
                program.instantiate(engine);
            } catch (RuntimeException e) {
                return new Rejection(engine.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Whether the reference engine can run modules of this configuration. */
    public static boolean engineSupports(GenConfig config) {
        return !config.has(Feature.SIMD);
    }
}
