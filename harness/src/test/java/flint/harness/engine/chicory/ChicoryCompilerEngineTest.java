package flint.harness.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineContractTest;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.TestModules;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import org.junit.jupiter.api.Test;

/**
 * The contract on Chicory's compiler, plus its known departures from the spec, pinned so that a
 * Chicory upgrade that fixes them is noticed.
 */
class ChicoryCompilerEngineTest extends EngineContractTest {
    @Override protected Engine engine() {
        return new ChicoryCompilerEngine();
    }

    @Override protected boolean supportsV128() {
        return false;
    }

    @Override protected boolean tailCallsRunInConstantStack() {
        return false;
    }

    /** Chicory 1.7.5's compiler has no v128 support at all; that is its failure, not the module's. */
    @Test void v128IsAnEngineFailure() {
        var e = assertThrows(EngineFailure.class, () -> engine().instantiate(TestModules.load("v128")));
        assertTrue(e.getMessage().startsWith("Chicory compiler failed"), e.getMessage());
    }

    /** Chicory 1.7.5's compiler emits return_call as an ordinary JVM call, so the stack grows. */
    @Test void knownBugTailCallLoopExhaustsTheStack() {
        var spin = engine().instantiate(TestModules.load("spin"));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, assertThrows(Trap.class, () -> spin.call("spin_call")).kind());
    }
}
