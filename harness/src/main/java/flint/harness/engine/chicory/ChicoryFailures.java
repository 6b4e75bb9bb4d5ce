package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.UnlinkableException;
import flint.harness.engine.EngineException;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.UncaughtWasmException;
import java.util.List;
import java.util.Optional;

/**
 * Translates what Chicory throws into the harness's {@link EngineException}s.
 *
 * <p>Where Chicory has a dedicated type, the type decides: {@link UnlinkableException},
 * {@link MalformedException}, {@link InvalidException}, {@link ChicoryInterruptedException}, its
 * {@link WasmException} (an uncaught Wasm exception), a raw {@link StackOverflowError}, and our own
 * {@link HostFunctionFailure}. Chicory 1.7.5 has no type per trap, though: it throws
 * {@code TrapException}, {@code WasmRuntimeException}, {@code UninstantiableException} and plain
 * {@link ChicoryException} for traps, and even reports stack exhaustion, undefined and
 * uninitialized elements and indirect call type mismatches as plain {@code ChicoryException}s. So
 * trap kinds, and the two kinds of link error, come from the message text, with the rules below.
 * A message no rule knows is an {@link EngineFailure}, never a guessed trap.
 */
final class ChicoryFailures {
    private ChicoryFailures() {}

    /** When the exception happened: Chicory's InvalidException means different things. */
    enum Phase { INSTANTIATE, CALL }

    private record Rule(String prefix, TrapKind kind, String specMessage) {}

    // Chicory 1.7.5's trap texts (InterpreterMachine, OpcodeImpl, TableInstance, the memories and
    // the compiler's Shaded helpers), longest prefixes first where one extends another.
    private static final List<Rule> TRAP_RULES = List.of(
            rule("Trapped on unreachable instruction", TrapKind.UNREACHABLE),
            rule("integer divide by zero", TrapKind.INTEGER_DIVIDE_BY_ZERO),
            rule("integer overflow", TrapKind.INTEGER_OVERFLOW),
            rule("invalid conversion to integer", TrapKind.INVALID_CONVERSION),
            rule("out of bounds memory access", TrapKind.OUT_OF_BOUNDS_MEMORY), // + ": attempted to access address..."
            rule("out of bounds table access", TrapKind.OUT_OF_BOUNDS_TABLE),
            rule("undefined element", TrapKind.UNDEFINED_ELEMENT),
            rule("uninitialized element", TrapKind.UNINITIALIZED_ELEMENT), // + " <index>"
            rule("indirect call type mismatch", TrapKind.INDIRECT_CALL_TYPE_MISMATCH),
            rule("call stack exhausted", TrapKind.CALL_STACK_EXHAUSTED),
            new Rule("Trapped on call_ref on null function reference", TrapKind.NULL_REFERENCE, "null function reference"),
            new Rule("Trapped on ref_as_non_null on null reference", TrapKind.NULL_REFERENCE, "null reference"),
            new Rule("null function reference", TrapKind.NULL_REFERENCE, "null function reference"),
            new Rule("null exception reference", TrapKind.NULL_REFERENCE, "null exception reference"),
            new Rule("null reference", TrapKind.NULL_REFERENCE, "null reference"));

    private static Rule rule(String prefix, TrapKind kind) {
        return new Rule(prefix, kind, kind.message());
    }

    /** A failure of {@code Parser.parse}: decoding and Chicory's validation. */
    static EngineException decoding(Throwable t) {
        return switch (t) {
            case InvalidException e -> new ModuleException(ModuleException.Kind.INVALID, text(e), e);
            case MalformedException e -> new ModuleException(ModuleException.Kind.MALFORMED, text(e), e);
            // Chicory's parser throws the generic type for a few encoding errors (e.g. "Invalid
            // element kind"); while decoding, that can only mean the bytes are malformed.
            case ChicoryException e -> new ModuleException(ModuleException.Kind.MALFORMED, text(e), e);
            default -> internal("decoding", t);
        };
    }

    /** A failure of the bytecode compiler, which runs before instantiation. */
    static EngineException compiling(Throwable t) {
        return switch (t) {
            case InvalidException e -> new ModuleException(ModuleException.Kind.INVALID, text(e), e);
            case MalformedException e -> new ModuleException(ModuleException.Kind.MALFORMED, text(e), e);
            // e.g. a function too large for a JVM method, with the interpreter fallback disabled
            default -> new EngineFailure("Chicory compiler failed: " + text(t), t);
        };
    }

    /** A failure while instantiating (linking, segments, start function) or calling. */
    static EngineException running(Throwable t, Phase phase, ChicoryValues values) {
        return switch (t) {
            case EngineException e -> e; // a host function trapped on purpose, or a nested engine call failed
            case HostFunctionFailure e -> new Trap(TrapKind.HOST_ERROR, e.getMessage(), e.getCause());
            case ChicoryInterruptedException e -> new Trap(TrapKind.INTERRUPTED, text(e), e);
            case StackOverflowError e -> new Trap(TrapKind.CALL_STACK_EXHAUSTED, "StackOverflowError", e);
            case WasmException e -> uncaught(e, values);
            case UnlinkableException e -> new LinkException(
                    // one type for both kinds: "unknown import, could not find ..." or "incompatible import type ..."
                    text(e).startsWith("unknown import")
                            ? LinkException.Kind.UNKNOWN_IMPORT
                            : LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE,
                    text(e), e);
            case MalformedException e -> new ModuleException(ModuleException.Kind.MALFORMED, text(e), e);
            // At instantiation Chicory still checks a few validation rules (unknown memory,
            // duplicate export name). While running, it uses InvalidException for internal lookups
            // and for "unaligned atomic", which the harness does not model.
            case InvalidException e when phase == Phase.INSTANTIATE ->
                    new ModuleException(ModuleException.Kind.INVALID, text(e), e);
            case ChicoryException e -> classifyTrap(text(e))
                    .<EngineException>map(rule -> new Trap(rule.kind(), rule.specMessage(), text(e), e))
                    .orElseGet(() -> new EngineFailure("unclassified Chicory failure: " + e, e));
            case OutOfMemoryError e -> new EngineFailure("Chicory ran out of Java heap", e);
            case VirtualMachineError e -> throw e;
            default -> internal(phase == Phase.CALL ? "a call" : "instantiation", t);
        };
    }

    private static Optional<Rule> classifyTrap(String message) {
        return TRAP_RULES.stream().filter(r -> message.startsWith(r.prefix())).findFirst();
    }

    private static UncaughtWasmException uncaught(WasmException e, ChicoryValues values) {
        var owner = e.instance();
        var params = ChicoryTypes.toFlint(owner.tag(e.tagIdx()).type().params());
        var payload = values.fromSlots(params, e.args(), owner);
        return new UncaughtWasmException(payload, "uncaught exception with tag " + e.tagIdx(), e);
    }

    private static EngineFailure internal(String during, Throwable t) {
        return new EngineFailure("Chicory internal error during " + during + ": " + t, t);
    }

    private static String text(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
