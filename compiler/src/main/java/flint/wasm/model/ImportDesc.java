package flint.wasm.model;

/** What an import brings in. */
public sealed interface ImportDesc {
    ExternKind kind();

    record Func(int typeIndex) implements ImportDesc {
        @Override public ExternKind kind() { return ExternKind.FUNC; }
    }

    record Table(TableType type) implements ImportDesc {
        @Override public ExternKind kind() { return ExternKind.TABLE; }
    }

    record Memory(MemoryType type) implements ImportDesc {
        @Override public ExternKind kind() { return ExternKind.MEMORY; }
    }

    record Global(GlobalType type) implements ImportDesc {
        @Override public ExternKind kind() { return ExternKind.GLOBAL; }
    }

    record Tag(TagType type) implements ImportDesc {
        @Override public ExternKind kind() { return ExternKind.TAG; }
    }
}
