package flint.harness.shrink;

import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Shrinks the recorded calls: drops the calls that are not needed (earlier calls often set up
 * nothing the divergence depends on) or simplifies arguments towards 0, then 1, then -1 (0.0 and
 * 1.0 for floats), like {@link ConstantPass} does for literals. Nothing to do without recorded calls.
 */
record CallPass(boolean arguments) implements ShrinkPass {

    static final CallPass DROP_CALLS = new CallPass(false);
    static final CallPass SIMPLIFY_ARGUMENTS = new CallPass(true);

    /** Set argument {@code arg} of call {@code call} to {@code value}. */
    private record Argument(int call, int arg, Value value) {}

    @Override public String name() { return arguments ? "call arguments" : "calls"; }

    @Override public ShrinkSubject run(ShrinkSubject subject, Candidates candidates) {
        if (subject.calls().isEmpty()) return subject;
        if (!arguments) {
            var original = subject;
            var calls = subject.calls();
            return Chunks.applyToSubject(subject, IntStream.range(0, calls.size()).boxed().toList(),
                    drop -> original.withCalls(Modules.without(calls, drop)), candidates);
        }
        subject = simplify(subject, CallPass::zero, candidates);
        subject = simplify(subject, CallPass::one, candidates);
        return simplify(subject, CallPass::minusOne, candidates);
    }

    private static ShrinkSubject simplify(ShrinkSubject current, UnaryOperator<Value> towards, Candidates candidates) {
        var subject = current;
        var calls = subject.calls();
        var edits = new ArrayList<Argument>();
        for (int c = 0; c < calls.size(); c++) {
            var args = calls.get(c).args();
            for (int a = 0; a < args.size(); a++) {
                var v = args.get(a);
                var simpler = towards.apply(v);
                if (simpler == null || simpler.equals(v) || v.equals(zero(v)) || v.equals(one(v))) continue; // 0 and 1 are simplest
                edits.add(new Argument(c, a, simpler));
            }
        }
        return Chunks.applyToSubject(subject, edits, set -> {
            var edited = new ArrayList<List<Value>>();
            for (var call : calls) edited.add(new ArrayList<>(call.args()));
            for (var e : set) edited.get(e.call()).set(e.arg(), e.value());
            var out = new ArrayList<ShrinkCall>();
            for (int c = 0; c < calls.size(); c++) out.add(calls.get(c).withArgs(edited.get(c)));
            return subject.withCalls(out);
        }, candidates);
    }

    private static Value zero(Value v) {
        return switch (v) {
            case Value.I32 x -> new Value.I32(0);
            case Value.I64 x -> new Value.I64(0);
            case Value.F32 x -> new Value.F32(0);
            case Value.F64 x -> new Value.F64(0);
            case Value.V128 x -> new Value.V128(0, 0);
            case Value.ExternRef x -> Value.ExternRef.NULL;
            default -> null; // other references come back null already
        };
    }

    private static Value one(Value v) {
        return switch (v) {
            case Value.I32 x -> new Value.I32(1);
            case Value.I64 x -> new Value.I64(1);
            case Value.F32 x -> new Value.F32(Float.floatToRawIntBits(1f));
            case Value.F64 x -> new Value.F64(Double.doubleToRawLongBits(1d));
            default -> null;
        };
    }

    private static Value minusOne(Value v) {
        return switch (v) {
            case Value.I32 x -> new Value.I32(-1);
            case Value.I64 x -> new Value.I64(-1);
            default -> null;
        };
    }
}
