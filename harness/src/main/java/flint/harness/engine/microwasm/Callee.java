package flint.harness.engine.microwasm;

import flint.harness.engine.EngineException;
import flint.harness.engine.HostFunction;
import flint.harness.engine.ImportName;
import flint.harness.engine.Signatures;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;

/**
 * A function as instances see it: one defined in some instance, or a Java function. Imports are
 * resolved to these when linking, so a function re-exported through several instances is still
 * one callee, and this is also what a {@code funcref} value holds.
 */
sealed interface Callee permits Callee.Defined, Callee.Host {

    FuncType type();

    /** The module whose type indices {@link #type()} uses, or null for a host function (which uses none). */
    flint.wasm.model.WasmModule module();

    /** Calls it with harness values; traps and failures propagate as exceptions. */
    List<Value> call(List<Value> args);

    /** Calls it with interpreter slots (from interpreted code). */
    long[] callWithSlots(long[] args);

    /** Function {@code index} of {@code instance}, a defined (not imported) one. */
    record Defined(MicrowasmInstance instance, int index, FuncType type) implements Callee {
        @Override public flint.wasm.model.WasmModule module() { return instance.module(); }

        @Override public List<Value> call(List<Value> args) {
            // A function the converter rejected says so, rather than failing on a value it cannot carry.
            instance.interpreter().requireConverted(index);
            return Slots.values(type.results(), callWithSlots(Slots.of(args)));
        }

        @Override public long[] callWithSlots(long[] args) {
            return instance.interpreter().invoke(index, args);
        }

        @Override public String toString() { return "function " + index + " of " + instance; }
    }

    /**
     * A Java function. Its failures become "host error" traps, except a {@link Trap} it throws
     * on purpose; results that do not match its type are host errors too.
     */
    record Host(ImportName name, HostFunction function) implements Callee {
        @Override public FuncType type() { return function.type(); }

        @Override public flint.wasm.model.WasmModule module() { return null; }

        @Override public List<Value> call(List<Value> args) {
            List<Value> results;
            try {
                results = function.body().call(args);
            } catch (EngineException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new Trap(TrapKind.HOST_ERROR, "host function " + name + " threw " + e, e);
            }
            var mismatch = Signatures.resultMismatch(function.type().results(), results);
            if (mismatch != null) throw new Trap(TrapKind.HOST_ERROR, "host function " + name + " " + mismatch, null);
            return results;
        }

        @Override public long[] callWithSlots(long[] args) {
            return Slots.of(call(Slots.values(function.type().params(), args)));
        }

        @Override public String toString() { return "host function " + name; }
    }
}
