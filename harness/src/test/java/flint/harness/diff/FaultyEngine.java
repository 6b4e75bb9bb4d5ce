package flint.harness.diff;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.MemoryView;
import flint.harness.engine.ModuleException;
import flint.harness.engine.TableView;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Chicory's interpreter with one planted bug: the oracle's tests run it against the real Chicory
 * and check that the divergence it causes is found, classified and bucketed.
 */
final class FaultyEngine implements Engine {

    enum Fault {
        NONE, RESULT, TRAP_INSTEAD, TRAP_KIND, MEMORY, MEMORY_SIZE, GLOBAL, TABLE, START_TRAP, REJECT,
        COMPILER, CRASH, HANG, STACK, UNSUPPORTED, NAN_PAYLOAD
    }

    private final Engine inner = new ChicoryEngine();
    private final Fault fault;
    /** The export whose calls the fault hits (for call faults). */
    private final String target;

    FaultyEngine(Fault fault, String target) {
        this.fault = fault;
        this.target = target;
    }

    @Override public String name() {
        return "faulty";
    }

    @Override public Instance instantiate(byte[] module, Imports imports) {
        switch (fault) {
            case START_TRAP -> throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
            case REJECT -> throw new ModuleException(ModuleException.Kind.INVALID, "type mismatch", null);
            case COMPILER -> throw new EngineFailure("compilation failed: register allocator ran dry", null);
            default -> {}
        }
        return new Faulty(inner.instantiate(module, imports));
    }

    private final class Faulty implements Instance {
        private final Instance inner;
        private final CountDownLatch interrupted = new CountDownLatch(1);

        Faulty(Instance inner) {
            this.inner = inner;
        }

        @Override public Engine engine() { return FaultyEngine.this; }

        @Override public List<ExportDesc> exports() { return inner.exports(); }

        @Override public List<Value> call(String name, List<Value> args) {
            if (!name.equals(target)) return inner.call(name, args);
            switch (fault) {
                case TRAP_INSTEAD -> throw new Trap(TrapKind.UNREACHABLE);
                case CRASH -> throw new EngineFailure("native code malfunctioned: the stack pointer moved", null);
                case STACK -> throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
                case UNSUPPORTED -> throw new EngineFailure("not supported by flint yet: f32.add", null);
                case HANG -> {
                    try {
                        interrupted.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new Trap(TrapKind.INTERRUPTED);
                }
                default -> {}
            }
            List<Value> results;
            try {
                results = inner.call(name, args);
            } catch (Trap trap) {
                if (fault == Fault.TRAP_KIND) throw new Trap(trap.kind() == TrapKind.UNREACHABLE ? TrapKind.INTEGER_OVERFLOW : TrapKind.UNREACHABLE);
                throw trap;
            }
            return switch (fault) {
                case RESULT -> results.stream().map(v -> v instanceof Value.I32(int x) ? (Value) new Value.I32(x + 1) : v).toList();
                case NAN_PAYLOAD -> results.stream().map(v -> v instanceof Value.F32(int bits) && Float.isNaN(Float.intBitsToFloat(bits))
                        ? (Value) new Value.F32(bits ^ 0x8000_0001) : v).toList();
                default -> results;
            };
        }

        @Override public void interrupt() {
            interrupted.countDown();
            inner.interrupt();
        }

        @Override public Optional<MemoryView> defaultMemory() {
            return inner.defaultMemory().map(m -> switch (fault) {
                case MEMORY -> new MemoryView() {
                    @Override public long pages() { return m.pages(); }
                    @Override public byte[] read(long offset, int length) {
                        var bytes = m.read(offset, length);
                        if (offset <= 100 && 100 < offset + length) bytes[(int) (100 - offset)] ^= 0x40;
                        return bytes;
                    }
                };
                case MEMORY_SIZE -> new MemoryView() {
                    @Override public long pages() { return m.pages() + 1; }
                    @Override public byte[] read(long offset, int length) { return new byte[length]; }
                };
                default -> m;
            });
        }

        @Override public MemoryView memory(String name) { return inner.memory(name); }

        @Override public Value global(String name) {
            var v = inner.global(name);
            return fault == Fault.GLOBAL && v instanceof Value.I32(int x) ? new Value.I32(x ^ 1) : v;
        }

        @Override public TableView table(String name) {
            var t = inner.table(name);
            if (fault != Fault.TABLE) return t;
            return new TableView() {
                @Override public RefType elementType() { return t.elementType(); }
                @Override public long size() { return t.size(); }
                @Override public Value get(long index) { return index == 0 ? Value.FuncRef.NULL : t.get(index); }
            };
        }
    }
}
