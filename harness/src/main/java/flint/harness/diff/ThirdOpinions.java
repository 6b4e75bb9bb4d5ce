package flint.harness.diff;

import flint.harness.engine.TrapKind;
import flint.harness.engine.chicory.ChicoryCompilerEngine;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.ExternKind;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When two engines disagree, asks engines outside the pair: Chicory's JVM-bytecode compiler
 * in-process, and V8 through Node.js with only its baseline compiler (Liftoff) and with only its
 * optimizing compiler (TurboFan). Each opinion records which side of the divergence it takes, so a
 * report says which engine is wrong. For the state kinds (memory, memory size, globals, tables) an
 * opinion compares the state after the step too, against the states the finding records
 * ({@link Finding#states()}, as {@link EngineState#digest()} text; V8's runner prints the same).
 */
public final class ThirdOpinions {

    private final NodeRunner node;

    public ThirdOpinions(NodeRunner node) {
        this.node = node;
    }

    public static ThirdOpinions standard() {
        return new ThirdOpinions(NodeRunner.find());
    }

    /**
     * The opinions on {@code finding}'s diverging step. Only the reference is rerun (beside
     * Chicory's compiler); the engine under test is known by its recorded outcome text, so that
     * this runs no native code and is safe in a campaign's coordinator.
     */
    public List<Finding.ThirdOpinion> of(byte[] module, Finding finding) {
        if (Finding.STATE_KINDS.contains(finding.kind())) return ofState(module, finding);
        var reference = finding.engines().getFirst();
        var other = finding.engines().get(1);
        var otherText = finding.outcomes().get(other);
        var calls = finding.calls().stream()
                .map(c -> new Call(c.export(), c.args().stream().map(JsonValue::toValue).toList())).toList();
        var opinions = new ArrayList<Finding.ThirdOpinion>();
        Outcome referenceOutcome = null;
        if (!finding.engines().contains(ChicoryCompilerEngine.NAME) && !reference.equals(ChicoryCompilerEngine.NAME)) {
            var oracle = DifferentialOracle.of(DifferentialOracle.Config.defaults(), List.of(reference, ChicoryCompilerEngine.NAME));
            try {
                var verdict = oracle.replay(module, calls);
                if (verdict.steps().size() > finding.step()) {
                    var outcomes = verdict.steps().get(finding.step()).outcomes();
                    referenceOutcome = outcomes.get(reference);
                    var mine = outcomes.get(ChicoryCompilerEngine.NAME);
                    opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, mine.toString(), side(
                            agrees(finding.step(), referenceOutcome, mine), textMatches(mine, otherText), reference, other)));
                } else {
                    opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, "stopped before the step", "unavailable"));
                }
            } catch (RuntimeException e) {
                opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, "failed: " + e, "unavailable"));
            }
        }
        for (var flavour : NodeRunner.Flavour.values()) {
            opinions.add(v8Opinion(flavour, node.run(flavour, module, finding.calls()), finding, referenceOutcome, null));
        }
        return opinions;
    }

    /** How long {@link #v8Side} lets V8 run the calls. */
    private static final java.time.Duration SIDE_TIMEOUT = java.time.Duration.ofSeconds(10);

    /**
     * Which engine of {@code finding}'s pair V8 (Liftoff only, one Node.js run) sides with at the
     * diverging step: the reference's name, the other engine's name, "both", "neither", or
     * "unavailable" (no Node.js, V8 stopped before the step, a state kind without recorded states, a
     * worker's finding, any error). Judged by the finding's recorded outcome texts and, for the state kinds, its recorded
     * states ({@link Finding#states()}) alone: no engine runs in this JVM, so a campaign's coordinator
     * can triage each finding as it comes. Never throws.
     */
    public String v8Side(byte[] module, Finding finding) {
        try {
            if (finding.engines().size() < 2 || finding.step() < 0 || finding.outcomes().containsKey("worker")) return "unavailable";
            var reference = finding.engines().getFirst();
            var other = finding.engines().get(1);
            if (Finding.STATE_KINDS.contains(finding.kind())
                    && (finding.states().get(reference) == null || finding.states().get(other) == null)) {
                return "unavailable";
            }
            var result = node.run(NodeRunner.Flavour.LIFTOFF, module, finding.calls(), SIDE_TIMEOUT, window(finding));
            return v8Opinion(NodeRunner.Flavour.LIFTOFF, result, finding, null, null).sidesWith();
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }

    /**
     * The opinions on a state divergence (memory, memory size, a global, a table): each outside
     * engine's outcome and state after the step, against the engines' recorded outcomes and states.
     * The reference is rerun here (with Chicory's compiler, if it is not one of the pair), which
     * also tells whether the recorded states are still this module's: after shrinking they are
     * another module's, and then nothing is judged.
     */
    private List<Finding.ThirdOpinion> ofState(byte[] module, Finding finding) {
        var reference = finding.engines().getFirst();
        var other = finding.engines().get(1);
        var calls = finding.calls().stream()
                .map(c -> new Call(c.export(), c.args().stream().map(JsonValue::toValue).toList())).toList();
        boolean withCompiler = !finding.engines().contains(ChicoryCompilerEngine.NAME) && !reference.equals(ChicoryCompilerEngine.NAME);
        var names = withCompiler ? List.of(reference, ChicoryCompilerEngine.NAME) : List.of(reference);
        Map<String, DifferentialOracle.StepState> fresh;
        String failure = null;
        try {
            fresh = DifferentialOracle.stepStates(DifferentialOracle.Config.defaults(), names, module, calls, finding.step(), window(finding));
        } catch (RuntimeException e) {
            fresh = Map.of();
            failure = "failed: " + e;
        }
        var recordedRef = finding.states().get(reference);
        var freshRef = fresh.get(reference);
        String stale = recordedRef == null || finding.states().get(other) == null ? "the finding records no states"
                : freshRef != null && freshRef.state() != null && !freshRef.state().equals(recordedRef)
                ? "the finding's states are of another version of the module (shrunk since it was found?)" : null;
        var opinions = new ArrayList<Finding.ThirdOpinion>();
        if (withCompiler) {
            var mine = fresh.get(ChicoryCompilerEngine.NAME);
            if (mine == null) {
                opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, failure != null ? failure : "stopped before the step", "unavailable"));
            } else {
                var text = mine.outcome() + "; state " + mine.state();
                opinions.add(stale != null ? new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, text + " (" + stale + ")", "unavailable")
                        : new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, text, side(
                                textMatches(mine.outcome(), finding.outcomes().get(reference)) && EngineState.digestsAgree(mine.state(), recordedRef),
                                textMatches(mine.outcome(), finding.outcomes().get(other))
                                        && EngineState.digestsAgree(mine.state(), finding.states().get(other)),
                                reference, other)));
            }
        }
        for (var flavour : NodeRunner.Flavour.values()) {
            opinions.add(v8Opinion(flavour, node.run(flavour, module, finding.calls(), NodeRunner.TIMEOUT, window(finding)), finding,
                    freshRef == null ? null : freshRef.outcome(), stale));
        }
        return opinions;
    }

    /**
     * V8's opinion of the diverging step from one run: its outcome against the reference's
     * ({@code referenceOutcome}, rerun here, else the recorded text) and the other engine's recorded
     * text; for the state kinds, its state too against the recorded states ({@code stale}: why those
     * cannot be used, or null).
     */
    private static Finding.ThirdOpinion v8Opinion(NodeRunner.Flavour flavour, NodeRunner.Result result, Finding finding,
                                                  Outcome referenceOutcome, String stale) {
        var reference = finding.engines().getFirst();
        var other = finding.engines().get(1);
        return switch (result) {
            case NodeRunner.Result.Unavailable(var why) -> new Finding.ThirdOpinion(flavour.engineName(), why, "unavailable");
            case NodeRunner.Result.Ran ran -> {
                var v8 = ran.outcome(finding.step());
                if (v8 == null) yield new Finding.ThirdOpinion(flavour.engineName(), "stopped before the step", "unavailable");
                boolean withReference = referenceOutcome != null ? v8.matches(referenceOutcome) : v8Matches(v8, finding.outcomes().get(reference));
                boolean withOther = v8Matches(v8, finding.outcomes().get(other));
                if (!Finding.STATE_KINDS.contains(finding.kind())) {
                    yield new Finding.ThirdOpinion(flavour.engineName(), v8.toString(), side(withReference, withOther, reference, other));
                }
                var state = ran.state(finding.step());
                var text = v8 + "; state " + state;
                if (state == null) yield new Finding.ThirdOpinion(flavour.engineName(), v8 + "; no state", "unavailable");
                if (stale != null) yield new Finding.ThirdOpinion(flavour.engineName(), text + " (" + stale + ")", "unavailable");
                yield new Finding.ThirdOpinion(flavour.engineName(), text, side(
                        withReference && EngineState.digestsAgree(state, finding.states().get(reference)),
                        withOther && EngineState.digestsAgree(state, finding.states().get(other)), reference, other));
            }
        };
    }

    private static boolean agrees(int step, Outcome a, Outcome b) {
        var c = step == 0 ? Comparison.instantiation(a, b) : Comparison.call(a, b, false);
        return c instanceof Comparison.Agree || c instanceof Comparison.Unclear(var r, var d) && r == Inconclusive.Reason.NAN_PAYLOAD;
    }

    /** Whether an outcome says what a recorded outcome text says (values exactly, traps by kind). */
    static boolean textMatches(Outcome outcome, String text) {
        if (text == null) return false;
        return switch (outcome) {
            case Outcome.Trapped t -> text.startsWith("trap: " + t.kind().message());
            case Outcome.Rejected r -> text.startsWith(r.kind().name().toLowerCase(java.util.Locale.ROOT) + ":");
            default -> text.equals(outcome.toString());
        };
    }

    private static boolean v8Matches(NodeRunner.V8Outcome v8, String text) {
        if (text == null) return false;
        return switch (v8) {
            case NodeRunner.V8Outcome.Trapped t -> text.startsWith("trap: ")
                    && TrapKind.fromSpecMessage(text.substring(6)).map(k -> t.kinds().contains(k)).orElse(false);
            case NodeRunner.V8Outcome.Other o -> o.what().equals("rejected") && (text.startsWith("invalid:") || text.startsWith("malformed:"))
                    || o.what().equals("link") && text.startsWith("link error");
            case NodeRunner.V8Outcome.Returned r -> text.equals(v8.toString()) || sameUpToArithmeticNaNs(v8.toString(), text);
            default -> text.equals(v8.toString());
        };
    }

    /**
     * Whether two "returned [...]" texts list the same values, where two arithmetic NaNs of one type
     * count as the same (the spec lets each engine pick any; a signalling NaN must match exactly),
     * and so do two non-null external references. {@code a} is V8's: an f32 result reaches
     * JavaScript as a double, which sets a signalling NaN's quiet bit, so the quiet form of a
     * signalling f32 NaN in {@code b} is what V8 shows for it.
     */
    static boolean sameUpToArithmeticNaNs(String a, String b) {
        if (!a.startsWith("returned [") || !b.startsWith("returned [")) return false;
        var xs = a.substring(10, a.length() - 1).split(", ");
        var ys = b.substring(10, b.length() - 1).split(", ");
        if (xs.length != ys.length) return false;
        for (int i = 0; i < xs.length; i++) {
            boolean same = xs[i].equals(ys[i]) || xs[i].equals(quietedF32(ys[i]))
                    || arithmeticNaN(xs[i]) && arithmeticNaN(ys[i]) && xs[i].regionMatches(0, ys[i], 0, 4)
                    // extern handles are the host's: outside engines are compared by nullness
                    || xs[i].startsWith("ref.extern ") && ys[i].startsWith("ref.extern ");
            if (!same) return false;
        }
        return true;
    }

    /** A signalling f32 NaN's text with its quiet bit set; any other text as it is. */
    static String quietedF32(String value) {
        var m = java.util.regex.Pattern.compile("f32:(-?)nan:0x([0-9a-f]+)").matcher(value);
        if (!m.matches()) return value;
        long payload = Long.parseLong(m.group(2), 16);
        return payload >= 0x400000L ? value : "f32:" + m.group(1) + "nan:0x" + Long.toHexString(payload | 0x400000L);
    }

    /** {@code f32:nan}, {@code f64:-nan:0x8000000000001}...: a NaN with the quiet bit set. */
    private static boolean arithmeticNaN(String value) {
        boolean f32 = value.startsWith("f32:");
        if (!f32 && !value.startsWith("f64:")) return false;
        var v = value.substring(4).replaceFirst("^[-+]", "");
        if (v.equals("nan")) return true;
        if (!v.startsWith("nan:0x")) return false;
        try {
            long payload = Long.parseUnsignedLong(v.substring(6), 16);
            return f32 ? payload >= 0x400000L : payload >= 0x8000000000000L;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Where the recorded states' memory window starts ({@link EngineState#digest(long)}), or -1. */
    static long window(Finding finding) {
        for (var digest : finding.states().values()) {
            var m = java.util.regex.Pattern.compile("(?:^| )window=(\\d+):").matcher(digest == null ? "" : digest);
            if (m.find()) return Long.parseLong(m.group(1));
        }
        return -1;
    }

    static String side(boolean withA, boolean withB, String a, String b) {
        return withA && withB ? "both" : withA ? a : withB ? b : "neither";
    }

    /** The calls as the JavaScript runner wants them: with each callee's result types. */
    static List<Finding.FindingCall> findingCalls(byte[] module, List<Call> calls) {
        Map<String, List<String>> results = new java.util.HashMap<>();
        try {
            var decoded = ModuleDecoder.decode(module);
            for (var export : decoded.exports()) {
                if (export.kind() == ExternKind.FUNC) {
                    results.put(export.name(), decoded.functionType(export.index()).results().stream().map(ValType::text).toList());
                }
            }
        } catch (RuntimeException e) {
            // an undecodable module has no calls worth running
        }
        return calls.stream().map(c -> new Finding.FindingCall(c.export(), JsonValue.of(c.args()),
                results.getOrDefault(c.export(), List.of()))).toList();
    }

    /** Opcodes (as the runner reports them, hex) of the instructions that index a table directly. */
    private static final Set<String> TABLE_ACCESSES = Set.of("25", "26", "fc0c", "fc0e", "fc11");
    private static final Set<String> INDIRECT_CALLS = Set.of("11", "13");

    /**
     * Trap kinds a V8 trap message can stand for. V8 words some traps alike for several kinds; the
     * trapping instruction ({@code at}: its opcode in hex as the runner reads it from the stack
     * trace, or empty) tells an out-of-bounds call_indirect from an out-of-bounds table access.
     */
    static Set<TrapKind> v8TrapKinds(String message, String at) {
        var kinds = v8TrapKinds(message);
        if (kinds.containsAll(Set.of(TrapKind.UNDEFINED_ELEMENT, TrapKind.OUT_OF_BOUNDS_TABLE))) {
            if (INDIRECT_CALLS.contains(at)) return Set.of(TrapKind.UNDEFINED_ELEMENT);
            if (TABLE_ACCESSES.contains(at)) return Set.of(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        return kinds;
    }

    /** Trap kinds a V8 trap message can stand for, whatever instruction trapped. */
    static Set<TrapKind> v8TrapKinds(String message) {
        var m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unreachable")) return Set.of(TrapKind.UNREACHABLE);
        if (m.contains("by zero")) return Set.of(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        if (m.contains("divide result unrepresentable")) return Set.of(TrapKind.INTEGER_OVERFLOW);
        // V8 words a NaN operand and an out-of-range one alike; the spec tells them apart
        if (m.contains("float unrepresentable")) return Set.of(TrapKind.INVALID_CONVERSION, TrapKind.INTEGER_OVERFLOW);
        if (m.contains("memory access out of bounds") || m.contains("data segment")) return Set.of(TrapKind.OUT_OF_BOUNDS_MEMORY);
        if (m.contains("table index is out of bounds")) return Set.of(TrapKind.UNDEFINED_ELEMENT, TrapKind.OUT_OF_BOUNDS_TABLE);
        if (m.contains("out of bounds")) return Set.of(TrapKind.OUT_OF_BOUNDS_TABLE, TrapKind.OUT_OF_BOUNDS_MEMORY);
        if (m.contains("signature mismatch") || m.contains("null function")) {
            return Set.of(TrapKind.UNINITIALIZED_ELEMENT, TrapKind.INDIRECT_CALL_TYPE_MISMATCH, TrapKind.NULL_REFERENCE);
        }
        if (m.contains("null")) return Set.of(TrapKind.NULL_REFERENCE);
        if (m.contains("call stack") || m.contains("stack size")) return Set.of(TrapKind.CALL_STACK_EXHAUSTED);
        return Set.of();
    }
}
