package flint.harness.engine.flint;

import flint.compiler.NativeCompiler;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineContractTest;

/** The native engine against the contract every engine keeps. */
class FlintEngineContractTest extends EngineContractTest {

    @Override
    protected Engine engine() {
        return new FlintEngine(NativeCompiler::compile);
    }

    /** SIMD is a later stage: v128 values at the boundary are refused (FlintEngineTest checks how). */
    @Override
    protected boolean supportsV128() {
        return false;
    }

    /** Tags (3.0) are not in the native runtime yet: instantiation fails with "not supported". */
    @Override
    protected boolean supportsExceptionHandling() {
        return false;
    }

    /** Tail calls (3.0) are not compiled yet: the function is a stub that reports "not supported". */
    @Override
    protected boolean tailCallsRunInConstantStack() {
        return false;
    }
}
