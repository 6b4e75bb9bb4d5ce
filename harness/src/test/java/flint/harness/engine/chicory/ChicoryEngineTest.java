package flint.harness.engine.chicory;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineContractTest;

class ChicoryEngineTest extends EngineContractTest {
    @Override protected Engine engine() {
        return new ChicoryEngine();
    }
}
