package flint.harness.diff;

import java.util.List;
import java.util.Map;

/**
 * The content of a bucket's {@code finding.json}: enough to replay the divergence without the
 * generator (the calls are recorded with their arguments) and to read it without Flint.
 *
 * @param seed the module's seed (and the arguments' seed) in the campaign, or 0 for a file
 * @param generator the module source's description and configuration
 * @param engines the engines compared, reference first
 * @param calls every call up to and including the diverging one, with argument values and the
 *     callee's result types (which the JavaScript runner needs to read results back)
 * @param step the diverging step: 0 for instantiation, else the call's position plus one
 * @param outcomes each engine's outcome of the diverging step, as text
 * @param thirdOpinions further engines' outcomes of the same step and which side they take
 * @param states for the state kinds ({@link #STATE_KINDS}), each engine's state after the diverging
 *     step as {@link EngineState#digest()} text (e.g. {@code pages=1 memory=fnv:0123456789abcdef
 *     globals=g0:i32:5 tables=t0:2:10}), so that an outside engine's state can be judged against
 *     it without rerunning either engine; empty for other kinds and in older finding.json files
 * @param triage how a campaign filed it, or null outside campaigns
 */
public record Finding(int format, String bucket, String signature, String kind, String summary, String detail,
                      long seed, Map<String, String> generator, List<String> engines, List<FindingCall> calls,
                      int step, Map<String, String> outcomes, List<ThirdOpinion> thirdOpinions, String foundAt,
                      Map<String, String> states, Triage triage) {

    public static final int FORMAT = 1;

    /** The kinds about the state after a step rather than its outcome. */
    public static final java.util.Set<String> STATE_KINDS = java.util.Set.of("memory", "memory-size", "global", "table");

    public Finding {
        states = states == null ? Map.of() : states; // absent from finding.json files written before
    }

    public static final String SUSPECT_UNDER_TEST = "the engine under test";
    public static final String SUSPECT_REFERENCE = "the reference";
    public static final String UNDECIDED = "undecided";

    /**
     * @param v8Side which engine V8 Liftoff sided with when the finding was made (part of the bucket
     *     key, so that findings V8 blames on different engines never share a bucket)
     * @param knownBug the id of the documented reference bug it is ({@link KnownReferenceBugs}), or
     *     null while it is open
     * @param samples for each further finding kept in the bucket, {@code "<hit>: <bug id>"}, with
     *     {@link #UNRECOGNISED} or {@link #NOT_MINIMIZED} in place of the id
     * @param triaged whether the reproducer was minimized and judged (a campaign that ends before
     *     it gets to a bucket leaves it as found)
     */
    public record Triage(String v8Side, String knownBug, List<String> samples, boolean triaged) {
        public static final String UNRECOGNISED = "matches no documented bug";
        public static final String NOT_MINIMIZED = "not minimized in time";

        public Triage {
            samples = samples == null ? List.of() : List.copyOf(samples);
        }

        /** Whether the bucket's reproducer and all its samples are documented bugs. */
        boolean known() {
            return knownBug != null && samples.stream().noneMatch(s -> s.endsWith(UNRECOGNISED) || s.endsWith(NOT_MINIMIZED));
        }
    }

    /** Known (a documented reference bug) or open, and whom the third opinions blame, in Markdown. */
    public String status() {
        if (!open()) {
            var ids = new java.util.TreeSet<String>();
            ids.add(triage.knownBug());
            triage.samples().forEach(s -> ids.add(s.substring(s.indexOf(": ") + 2)));
            return "known reference bug" + (ids.size() > 1 ? "s " : " ") + String.join(", ", ids.stream().map(id -> "`" + id + "`"
                    + KnownReferenceBugs.byId(id).map(b -> " (" + b.title() + ")").orElse("")).toList());
        }
        if (triage != null && !triage.triaged()) {
            return "**open**: not triaged before the campaign ended (`flint shrink` the folder, then `flint replay` it)";
        }
        if (triage != null && triage.knownBug() != null) {
            return "**open**: the reproducer is known reference bug `" + triage.knownBug() + "`, but not every sample is: "
                    + String.join("; ", triage.samples());
        }
        return switch (suspect()) {
            case SUSPECT_REFERENCE -> "**open**: the third opinions blame the reference, but it matches no documented bug";
            case SUSPECT_UNDER_TEST -> "**open**: the third opinions blame the engine under test";
            default -> "**open**: the third opinions are undecided";
        };
    }

    /** Whether nobody has shown it (and every sample of its bucket) to be a documented reference bug yet. */
    public boolean open() {
        return triage == null || !triage.known();
    }

    public record FindingCall(String export, List<JsonValue> args, List<String> results) {}

    /**
     * @param engine e.g. {@code chicory-compiler}, {@code v8-liftoff}
     * @param outcome its outcome of the diverging step, or why there is none
     * @param sidesWith the engine it agrees with, "both", "neither" or "unavailable"
     */
    public record ThirdOpinion(String engine, String outcome, String sidesWith) {}

    /**
     * What the third opinions suggest, for triage: {@code "the engine under test"} (the deciding
     * opinions all side with the reference), {@code "the reference"} (they all side with the engine
     * under test), or {@code "undecided"}. V8's two tiers decide when they could judge: they are
     * an independent implementation, while Chicory's compiler shares the interpreter's runtime
     * (memory, tables, segments) and so its bugs there; it decides only without V8. Only the kinds
     * the outside engines can judge get a suggestion: results and traps, and, through the
     * recorded {@link #states}, memory, memory size, globals and tables; for those state kinds only
     * V8 decides, since the state is Chicory's shared runtime.
     */
    public String suspect() {
        var judging = switch (kind) {
            case "value", "trap-vs-value", "trap-kind", "memory", "memory-size", "global", "table" -> thirdOpinions.stream()
                    .filter(o -> !o.sidesWith().equals("unavailable") && !o.sidesWith().equals("both")).toList();
            default -> List.<ThirdOpinion>of();
        };
        // V8 that ran but cannot tell the two apart ("both": a trap message that fits either kind)
        // leaves it undecided rather than handing the decision to Chicory's compiler
        boolean v8Ran = thirdOpinions.stream().anyMatch(o -> o.engine().startsWith("v8-") && !o.sidesWith().equals("unavailable"));
        var v8 = judging.stream().filter(o -> o.engine().startsWith("v8-")).toList();
        var deciding = v8Ran || STATE_KINDS.contains(kind) ? v8 : judging;
        if (deciding.isEmpty() || engines.size() < 2) return UNDECIDED;
        if (deciding.stream().allMatch(o -> o.sidesWith().equals(engines.getFirst()))) return SUSPECT_UNDER_TEST;
        if (deciding.stream().allMatch(o -> o.sidesWith().equals(engines.get(1)))) return SUSPECT_REFERENCE;
        return UNDECIDED;
    }

    public Finding withThirdOpinions(List<ThirdOpinion> opinions) {
        return new Finding(format, bucket, signature, kind, summary, detail, seed, generator, engines, calls, step,
                outcomes, List.copyOf(opinions), foundAt, states, triage);
    }

    /** Filed in {@code bucket} with {@code triage}. */
    public Finding filed(String bucket, Triage triage) {
        return new Finding(format, bucket, signature, kind, summary, detail, seed, generator, engines, calls, step,
                outcomes, thirdOpinions, foundAt, states, triage);
    }

    public Finding withStates(Map<String, String> states) {
        return new Finding(format, bucket, signature, kind, summary, detail, seed, generator, engines, calls, step,
                outcomes, thirdOpinions, foundAt, states, triage);
    }
}
