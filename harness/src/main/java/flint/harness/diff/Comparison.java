package flint.harness.diff;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The verdict on one step of two engines, the reference and the one under test. */
sealed interface Comparison {

    record Agree() implements Comparison {}

    record Diverge(DivergenceKind kind, String detail) implements Comparison {}

    record Unclear(Inconclusive.Reason reason, String detail) implements Comparison {}

    Agree AGREE = new Agree();

    /** Rules every step shares: unsupported features, limits and engine failures come before values. */
    private static Comparison common(Outcome ref, Outcome other) {
        if (unsupported(ref) || unsupported(other)) {
            return new Unclear(Inconclusive.Reason.UNSUPPORTED, "unsupported: " + (unsupported(other) ? other : ref));
        }
        if (ref instanceof Outcome.Hung || ref instanceof Outcome.Skipped) {
            // the reference interpreter is the slow one: its timeout says nothing about the other engine
            return new Unclear(Inconclusive.Reason.RESOURCE_LIMIT, "the reference did not finish: " + ref);
        }
        if (ref instanceof Outcome.Failed f) {
            return new Unclear(f.message().startsWith("resource limit") ? Inconclusive.Reason.RESOURCE_LIMIT
                    : Inconclusive.Reason.REFERENCE_FAILURE, "the reference failed: " + f);
        }
        if (other instanceof Outcome.Hung) return new Diverge(new DivergenceKind.Hang(), other.toString());
        if (other instanceof Outcome.Skipped) return new Unclear(Inconclusive.Reason.RESOURCE_LIMIT, other.toString());
        if (other instanceof Outcome.Failed f) {
            return new Diverge(switch (f.failure()) {
                case COMPILER -> new DivergenceKind.CompilerException();
                case NATIVE_CRASH -> new DivergenceKind.NativeCrash();
                case INTERNAL, UNSUPPORTED -> new DivergenceKind.EngineError();
            }, f.message());
        }
        boolean refExhausted = exhausted(ref);
        if (refExhausted != exhausted(other)) {
            // engines may run out of stack at different depths; the spec leaves the depth open
            return new Unclear(Inconclusive.Reason.STACK_EXHAUSTION, ref + " vs " + other);
        }
        return null;
    }

    static Comparison instantiation(Outcome ref, Outcome other) {
        var common = common(ref, other);
        if (common != null) return common;
        return switch (ref) {
            case Outcome.Rejected r when other instanceof Outcome.Rejected -> AGREE;
            case Outcome.Rejected r -> new Diverge(new DivergenceKind.InvalidModuleAccepted(), "the reference rejected it: " + r.message());
            default -> switch (other) {
                case Outcome.Rejected r -> new Diverge(new DivergenceKind.ValidModuleRejected(), r.message());
                default -> sameClass(ref, other) ? AGREE : new Diverge(new DivergenceKind.Instantiation(), ref + " vs " + other);
            };
        };
    }

    static Comparison call(Outcome ref, Outcome other, boolean exactNaNs) {
        var common = common(ref, other);
        if (common != null) return common;
        return switch (ref) {
            case Outcome.Returned(var a) when other instanceof Outcome.Returned(var b) -> values(a, b, exactNaNs);
            case Outcome.Uncaught(var a) when other instanceof Outcome.Uncaught(var b) -> values(a, b, exactNaNs);
            case Outcome.Trapped a when other instanceof Outcome.Trapped b ->
                    a.kind() == b.kind() ? AGREE : new Diverge(new DivergenceKind.TrapKindMismatch(), ref + " vs " + other);
            case Outcome.Returned r -> new Diverge(new DivergenceKind.TrapVsValue(), ref + " vs " + other);
            default -> other instanceof Outcome.Returned
                    ? new Diverge(new DivergenceKind.TrapVsValue(), ref + " vs " + other)
                    : new Diverge(new DivergenceKind.TrapKindMismatch(), ref + " vs " + other);
        };
    }

    private static Comparison values(List<flint.wasm.value.Value> a, List<flint.wasm.value.Value> b, boolean exactNaNs) {
        if (a.size() != b.size()) return new Diverge(new DivergenceKind.Value(Math.min(a.size(), b.size())), a + " vs " + b);
        Comparison result = AGREE;
        for (int i = 0; i < a.size(); i++) {
            switch (Values.compare(a.get(i), b.get(i), exactNaNs)) {
                case DIFFERENT -> { return new Diverge(new DivergenceKind.Value(i), a + " vs " + b); }
                case NAN_PAYLOAD -> result = new Unclear(Inconclusive.Reason.NAN_PAYLOAD, a + " vs " + b);
                case EQUAL -> {}
            }
        }
        return result;
    }

    /** Memory size, then contents, then each exported global and table of the reference. */
    static Comparison state(EngineState ref, EngineState other, boolean exactNaNs) {
        if (ref.memory().isPresent() != other.memory().isPresent()) {
            return new Diverge(new DivergenceKind.MemorySize(), "memory present: " + ref.memory().isPresent() + " vs " + other.memory().isPresent());
        }
        if (ref.memory().isPresent()) {
            var a = ref.memory().get();
            var b = other.memory().get();
            if (a.pages() != b.pages()) return new Diverge(new DivergenceKind.MemorySize(), a.pages() + " pages vs " + b.pages() + " pages");
            int at = Arrays.mismatch(a.bytes(), b.bytes());
            if (at >= 0) {
                int end = differingRunEnd(a.bytes(), b.bytes(), at);
                var hex = HexFormat.ofDelimiter(" ");
                return new Diverge(new DivergenceKind.Memory(at, end - at), String.format(
                        "memory differs at [%d, %d): %s vs %s (hashes %016x vs %016x)", at, end,
                        hex.formatHex(a.bytes(), at, end), hex.formatHex(b.bytes(), at, end), a.hash(), b.hash()));
            }
        }
        Comparison result = AGREE;
        for (var e : ref.globals().entrySet()) {
            var mine = other.globals().get(e.getKey());
            if (mine == null) return new Diverge(new DivergenceKind.Global(e.getKey()), "missing on one engine");
            switch (Values.compare(e.getValue(), mine, exactNaNs)) {
                case DIFFERENT -> { return new Diverge(new DivergenceKind.Global(e.getKey()), e.getValue() + " vs " + mine); }
                case NAN_PAYLOAD -> result = new Unclear(Inconclusive.Reason.NAN_PAYLOAD, "global " + e.getKey() + ": " + e.getValue() + " vs " + mine);
                case EQUAL -> {}
            }
        }
        for (var e : ref.tables().entrySet()) {
            var mine = other.tables().get(e.getKey());
            if (!e.getValue().equals(mine)) {
                return new Diverge(new DivergenceKind.Table(e.getKey()), "size/null map " + describe(e.getValue()) + " vs " + describe(mine));
            }
        }
        return result;
    }

    private static String describe(EngineState.Table t) {
        if (t == null) return "missing";
        var sb = new StringBuilder().append(t.size()).append(" [");
        t.nulls().stream().limit(64).forEach(n -> sb.append(n ? '0' : '1'));
        return sb.append(t.nulls().size() > 64 ? "...]" : "]").toString();
    }

    /** The end of the run of differing bytes from {@code at}: until 8 equal bytes in a row, at most 64 bytes. */
    private static int differingRunEnd(byte[] a, byte[] b, int at) {
        int end = at + 1, equalRun = 0, limit = Math.min(a.length, at + 64);
        for (int i = at + 1; i < limit && equalRun < 8; i++) {
            if (a[i] == b[i]) equalRun++;
            else { equalRun = 0; end = i + 1; }
        }
        return end;
    }

    private static boolean unsupported(Outcome o) {
        return o instanceof Outcome.Failed(var failure, var m) && failure == Outcome.Failure.UNSUPPORTED
                || o instanceof Outcome.Rejected r && r.unsupported();
    }

    private static boolean exhausted(Outcome o) {
        return o instanceof Outcome.Trapped t && t.kind() == flint.harness.engine.TrapKind.CALL_STACK_EXHAUSTED;
    }

    private static boolean sameClass(Outcome a, Outcome b) {
        return switch (a) {
            case Outcome.Trapped x -> b instanceof Outcome.Trapped y && x.kind() == y.kind();
            case Outcome.LinkFailed x -> b instanceof Outcome.LinkFailed y && x.kind() == y.kind();
            default -> a.getClass() == b.getClass();
        };
    }
}
