package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.*;

import flint.wasm.model.CustomSection;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Global;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Table;
import flint.wasm.model.TagType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Decodes a module's bytes into a {@link WasmModule}. Every section is decoded up front; function
 * bodies are kept as bytes (see {@link FunctionBody}) for consumers to read with a
 * {@link CodeReader}.
 *
 * <p>Error reporting follows the reference interpreter, whose wording the testsuite expects. In
 * particular a section's contents are read against the end of the module, not the end of the
 * section, and the section's size is checked afterwards: an item that runs past its section is
 * a "section size mismatch" (or whatever the following bytes make of it), and only running out of
 * module is "unexpected end of section or function". Function bodies are checked the same way.
 * The consistency checks (function and code counts, data count) come after the last section, in
 * the interpreter's order.
 */
public final class ModuleDecoder {
    private static final int MAGIC = 0x6D736100; // "\0asm" read little-endian
    private static final int VERSION = 1;

    private final ByteReader in;
    private final boolean checkBodies;

    private List<FuncType> types = List.of();
    private List<Import> imports = List.of();
    private List<Integer> functions = List.of();
    private List<Table> tables = List.of();
    private List<MemoryType> memories = List.of();
    private List<TagType> tags = List.of();
    private List<Global> globals = List.of();
    private List<Export> exports = List.of();
    private OptionalInt start = OptionalInt.empty();
    private List<ElementSegment> elements = List.of();
    private OptionalInt dataCount = OptionalInt.empty();
    private List<FunctionBody> codes = List.of();
    private List<DataSegment> data = List.of();
    private final List<CustomSection> customs = new ArrayList<>();

    private int functionSectionOffset = -1;
    private int codeSectionOffset = -1;
    private int dataSectionOffset = -1;
    private int dataCountSectionOffset = -1;
    private int firstDataIndexUse = -1;
    private UnsupportedFeatureException unsupported;

    private ModuleDecoder(byte[] bytes, boolean checkBodies) {
        this.in = new ByteReader(bytes);
        this.checkBodies = checkBodies;
    }

    /**
     * Decodes a module and checks the syntax of every function body, so that a module this
     * returns is well-formed throughout.
     *
     * @throws MalformedModuleException if it is not (an {@link UnsupportedFeatureException} for
     *                                  well-formed modules using GC types or atomics)
     */
    public static WasmModule decode(byte[] bytes) {
        return new ModuleDecoder(bytes, true).module();
    }

    /**
     * Decodes a module's sections but only frames its function bodies (locals and code range),
     * for consumers that read each body operator by operator anyway and can report its errors
     * then. Such a consumer should run {@link CodeSyntax#checkBody} (or check nesting itself) and
     * must itself require a data count section for {@code memory.init} and {@code data.drop}.
     */
    public static WasmModule decodeLazily(byte[] bytes) {
        return new ModuleDecoder(bytes, false).module();
    }

    private WasmModule module() {
        header();
        int lastRank = 0;
        int lastKnownId = 0;
        while (!in.atEnd()) {
            int sectionOffset = in.position();
            var id = SectionId.fromId(in.peek());
            if (id == null) throw in.error(MALFORMED_SECTION_ID, String.format("0x%02x", in.peek()), sectionOffset);
            if (id != SectionId.CUSTOM && id.rank() <= lastRank) {
                throw in.error(UNEXPECTED_CONTENT, "(" + id + " section out of order)", sectionOffset);
            }
            in.u8();
            int size = in.len32();
            int contentStart = in.position();
            section(id, size, sectionOffset, lastKnownId);
            if (in.position() != contentStart + size) {
                throw in.error(SECTION_SIZE_MISMATCH, "(" + id + " section declares " + size + " bytes, contents take "
                        + (in.position() - contentStart) + ")", contentStart);
            }
            if (id != SectionId.CUSTOM) {
                lastRank = id.rank();
                lastKnownId = id.id();
            }
        }
        return finish();
    }

    private void header() {
        // All four bytes before comparing: a short input is "unexpected end", not a wrong magic.
        if (in.remaining() < 4) throw in.error(UNEXPECTED_END, "(module header)", in.end());
        if (in.word32() != MAGIC) throw in.error(MAGIC_HEADER, 0);
        if (in.remaining() < 4) throw in.error(UNEXPECTED_END, "(module header)", in.end());
        int version = in.word32();
        if (version != VERSION) throw in.error(UNKNOWN_VERSION, "0x" + Integer.toHexString(version), 4);
    }

    private void section(SectionId id, int size, int sectionOffset, int lastKnownId) {
        switch (id) {
            case CUSTOM -> custom(size, lastKnownId);
            case TYPE -> types = typeSection();
            case IMPORT -> imports = vec(this::importEntry);
            case FUNCTION -> {
                functionSectionOffset = sectionOffset;
                functions = vec(ByteReader::u32);
            }
            case TABLE -> tables = vec(this::table);
            case MEMORY -> memories = vec(TypeDecoder::memoryType);
            case TAG -> tags = vec(TypeDecoder::tagType);
            case GLOBAL -> globals = vec(r -> new Global(TypeDecoder.globalType(r), CodeSyntax.readConstExpr(r)));
            case EXPORT -> exports = vec(this::export);
            case START -> start = OptionalInt.of(in.u32());
            case ELEMENT -> elements = vec(SegmentDecoder::element);
            case DATA_COUNT -> {
                dataCountSectionOffset = sectionOffset;
                dataCount = OptionalInt.of(in.u32());
            }
            case CODE -> {
                codeSectionOffset = sectionOffset;
                codes = vec(this::body);
            }
            case DATA -> {
                dataSectionOffset = sectionOffset;
                data = vec(SegmentDecoder::data);
            }
        }
    }

    private <T> List<T> vec(Function<ByteReader, T> item) {
        int n = in.len32();
        // len32 bounds n by the bytes left, and every item takes at least one byte; the initial
        // capacity is capped anyway so a large count costs nothing before its items are read.
        var out = new ArrayList<T>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) out.add(item.apply(in));
        return out;
    }

    /**
     * A custom section's name is read like any other (possibly past the section's end, as the
     * reference interpreter does); the contents are the rest of the declared size.
     */
    private void custom(int size, int placement) {
        int contentStart = in.position();
        var name = in.name();
        int rest = size - (in.position() - contentStart);
        if (rest < 0) throw in.error(UNEXPECTED_END_OF_SECTION, "(custom section name runs past the section)", contentStart + size);
        customs.add(new CustomSection(name, in.bytes(rest), placement));
    }

    private List<FuncType> typeSection() {
        int n = in.len32();
        var out = new ArrayList<FuncType>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            var problem = TypeDecoder.typeEntry(in, out);
            if (problem != null && unsupported == null) unsupported = problem;
        }
        return out;
    }

    private Import importEntry(ByteReader r) {
        var module = r.name();
        var name = r.name();
        int kind = r.u8();
        ImportDesc desc = switch (kind) {
            case 0 -> new ImportDesc.Func(r.u32());
            case 1 -> new ImportDesc.Table(TypeDecoder.tableType(r));
            case 2 -> new ImportDesc.Memory(TypeDecoder.memoryType(r));
            case 3 -> new ImportDesc.Global(TypeDecoder.globalType(r));
            case 4 -> new ImportDesc.Tag(TypeDecoder.tagType(r));
            default -> throw r.error(MALFORMED_IMPORT_KIND, String.format("0x%02x", kind), r.position() - 1);
        };
        return new Import(module, name, desc);
    }

    /** A table: its type, or (Wasm 3.0) {@code 0x40 0x00}, its type and an initializer expression. */
    private Table table(ByteReader r) {
        int at = r.position();
        if (r.peek() == 0x40) {
            r.u8();
            // The reference interpreter falls back to reading a plain table type here, which
            // makes 0x40 a malformed reference type; report it so.
            if (r.peek() != 0x00) throw r.error(MALFORMED_REFERENCE_TYPE, at);
            r.u8();
            var type = TypeDecoder.tableType(r);
            return new Table(type, Optional.of(CodeSyntax.readConstExpr(r)));
        }
        return Table.of(TypeDecoder.tableType(r));
    }

    private Export export(ByteReader r) {
        var name = r.name();
        int code = r.u8();
        var kind = ExternKind.fromCode(code);
        if (kind == null) throw r.error(MALFORMED_EXPORT_KIND, String.format("0x%02x", code), r.position() - 1);
        return new Export(name, kind, r.u32());
    }

    /**
     * One function body: its size, locals and code. With body checking on, the code's syntax is
     * checked in place (reading on past the declared size, as the interpreter does, so a body
     * missing its end reports what the testsuite expects); otherwise the code is only framed.
     */
    private FunctionBody body(ByteReader r) {
        int size = r.len32();
        int bodyStart = r.position();
        int bodyEnd = bodyStart + size;
        var locals = LocalsReader.read(r);
        int codeStart = r.position();
        if (checkBodies) {
            var summary = CodeSyntax.check(new CodeReader(r), null);
            if (summary.usesDataIndex() && firstDataIndexUse < 0) firstDataIndexUse = summary.dataIndexOffset();
        } else if (codeStart <= bodyEnd) {
            // The length check lets a size count its own bytes as available, so the declared
            // end may lie just past the module's.
            if (bodyEnd > r.end()) throw r.error(UNEXPECTED_END_OF_SECTION, "(function body runs past the module)", r.end());
            r.position(bodyEnd);
        }
        if (r.position() != bodyEnd) {
            throw r.error(SECTION_SIZE_MISMATCH, "(function body declares " + size + " bytes, contents take "
                    + (r.position() - bodyStart) + ")", bodyStart);
        }
        return new FunctionBody(locals, Arrays.copyOfRange(r.array(), codeStart, bodyEnd), codeStart);
    }

    private WasmModule finish() {
        if (functions.size() != codes.size()) {
            int at = codeSectionOffset >= 0 ? codeSectionOffset : functionSectionOffset;
            throw in.error(FUNCTION_CODE_LENGTHS, "(" + functions.size() + " functions, " + codes.size() + " bodies)", at);
        }
        if (dataCount.isPresent() && dataCount.getAsInt() != data.size()) {
            int at = dataSectionOffset >= 0 ? dataSectionOffset : dataCountSectionOffset;
            throw in.error(DATA_COUNT_LENGTHS, "(count " + Integer.toUnsignedString(dataCount.getAsInt()) + ", "
                    + data.size() + " segments)", at);
        }
        if (dataCount.isEmpty() && firstDataIndexUse >= 0) {
            throw in.error(DATA_COUNT_REQUIRED, "(for memory.init or data.drop)", firstDataIndexUse);
        }
        if (unsupported != null) throw unsupported;
        return new WasmModule(types, imports, functions, tables, memories, tags, globals, exports, start, elements,
                dataCount, codes, data, customs);
    }
}
