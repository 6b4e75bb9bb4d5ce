package flint.harness.diff;

/**
 * What diverged. Sealed so reports and triage switch over every kind; {@link #tag()} is the stable
 * name used in signatures, folder names and finding.json.
 */
public sealed interface DivergenceKind {

    String tag();

    /** One sentence for a report's first line. */
    String describe();

    /** Both returned, with different values ({@code index}: the first differing result). */
    record Value(int index) implements DivergenceKind {
        public String tag() { return "value"; }
        public String describe() { return "result " + index + " differs"; }
    }

    /** One engine trapped (or threw) where the other returned. */
    record TrapVsValue() implements DivergenceKind {
        public String tag() { return "trap-vs-value"; }
        public String describe() { return "one engine trapped where the other returned"; }
    }

    /** Both trapped (or threw), differently. */
    record TrapKindMismatch() implements DivergenceKind {
        public String tag() { return "trap-kind"; }
        public String describe() { return "the engines trapped with different kinds"; }
    }

    /** Memory contents differ; the range is the first differing run of bytes. */
    record Memory(long offset, int length) implements DivergenceKind {
        public String tag() { return "memory"; }
        public String describe() { return "linear memory differs, first at byte " + offset + " (" + length + " bytes)"; }
    }

    record MemorySize() implements DivergenceKind {
        public String tag() { return "memory-size"; }
        public String describe() { return "the memory size differs"; }
    }

    record Global(String name) implements DivergenceKind {
        public String tag() { return "global"; }
        public String describe() { return "exported global " + name + " differs"; }
    }

    record Table(String name) implements DivergenceKind {
        public String tag() { return "table"; }
        public String describe() { return "exported table " + name + " differs"; }
    }

    /** Instantiation ended differently (a link error, a start trap, one succeeded). */
    record Instantiation() implements DivergenceKind {
        public String tag() { return "instantiation"; }
        public String describe() { return "instantiation ended differently"; }
    }

    /** The engine under test called a module the reference accepts malformed or invalid. */
    record ValidModuleRejected() implements DivergenceKind {
        public String tag() { return "valid-module-rejected"; }
        public String describe() { return "a valid module was rejected"; }
    }

    /** The engine under test accepted a module the reference rejects. */
    record InvalidModuleAccepted() implements DivergenceKind {
        public String tag() { return "invalid-module-accepted"; }
        public String describe() { return "an invalid module was accepted"; }
    }

    record CompilerException() implements DivergenceKind {
        public String tag() { return "compiler-exception"; }
        public String describe() { return "the compiler threw"; }
    }

    /** Native code crashed: a malfunction reported by the runtime, or a worker JVM that died. */
    record NativeCrash() implements DivergenceKind {
        public String tag() { return "native-crash"; }
        public String describe() { return "native code crashed"; }
    }

    /** The engine under test did not finish where the reference did. */
    record Hang() implements DivergenceKind {
        public String tag() { return "hang"; }
        public String describe() { return "an engine hung where the reference finished"; }
    }

    /** Any other internal failure of the engine under test. */
    record EngineError() implements DivergenceKind {
        public String tag() { return "engine-error"; }
        public String describe() { return "the engine failed internally"; }
    }
}
