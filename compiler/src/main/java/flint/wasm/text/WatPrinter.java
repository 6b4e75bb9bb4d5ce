package flint.wasm.text;

import flint.wasm.binary.CodeReader;
import flint.wasm.binary.SectionId;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.CustomSection;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.GlobalType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;
import flint.wasm.model.TableType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

import java.util.List;

/**
 * The module model as readable text-format source that {@link WatParser} reads back to an equal
 * module. Indices are numeric, with each definition's index in a {@code (;n;)} comment; code is
 * flat and indented by block depth; constant expressions are folded. Every type is printed
 * explicitly and every use names its type index, so type indices survive the round trip, and
 * custom sections become {@code @custom} annotations.
 *
 * <p>One thing the text format cannot say: whether a data count section is present. The parser
 * adds one exactly when code uses {@code memory.init} or {@code data.drop}.
 */
public final class WatPrinter {
    private static final String INDENT = "  ";

    private final WasmModule module;
    private final StringBuilder out = new StringBuilder();

    private WatPrinter(WasmModule module) {
        this.module = module;
    }

    /** The whole module as {@code (module ...)}. */
    public static String print(WasmModule module) {
        return new WatPrinter(module).module();
    }

    /**
     * One defined or imported function as a {@code (func ...)} field, for reports; the index is
     * in the function index space (imports first).
     */
    public static String printFunction(WasmModule module, int functionIndex) {
        var p = new WatPrinter(module);
        int imported = module.importedFunctionCount();
        if (functionIndex < imported) {
            int i = 0;
            for (var imp : module.imports()) {
                if (imp.desc() instanceof ImportDesc.Func f && i++ == functionIndex) {
                    p.out.append("(import ").append(quote(imp.module())).append(' ').append(quote(imp.name()))
                            .append(" (func (;").append(functionIndex).append(";)");
                    p.typeUse(f.typeIndex());
                    p.out.append("))\n");
                }
            }
        } else {
            int defined = functionIndex - imported;
            p.function(functionIndex, module.functions().get(defined), module.codes().get(defined), 0);
        }
        return p.out.toString();
    }

    private String module() {
        out.append("(module\n");
        customs(0);
        for (int i = 0; i < module.types().size(); i++) {
            line(1).append("(type (;").append(i).append(";) (func");
            signature(module.types().get(i));
            out.append("))\n");
        }
        customs(SectionId.TYPE.id());
        imports();
        customs(SectionId.IMPORT.id());
        customs(SectionId.FUNCTION.id());
        int tableIndex = module.importedTableCount();
        for (var t : module.tables()) {
            line(1).append("(table (;").append(tableIndex++).append(";)");
            tableType(t.type());
            t.init().ifPresent(this::constExpr);
            out.append(")\n");
        }
        customs(SectionId.TABLE.id());
        int memoryIndex = module.importedMemoryCount();
        for (var m : module.memories()) {
            line(1).append("(memory (;").append(memoryIndex++).append(";)");
            limits(m.limits());
            out.append(")\n");
        }
        customs(SectionId.MEMORY.id());
        int tagIndex = module.importedTagCount();
        for (var t : module.tags()) {
            line(1).append("(tag (;").append(tagIndex++).append(";)");
            typeUse(t.typeIndex());
            out.append(")\n");
        }
        customs(SectionId.TAG.id());
        int globalIndex = module.importedGlobalCount();
        for (var g : module.globals()) {
            line(1).append("(global (;").append(globalIndex++).append(";)");
            globalType(g.type());
            constExpr(g.init());
            out.append(")\n");
        }
        customs(SectionId.GLOBAL.id());
        for (var e : module.exports()) {
            line(1).append("(export ").append(quote(e.name())).append(" (").append(e.kind().text()).append(' ')
                    .append(Integer.toUnsignedString(e.index())).append("))\n");
        }
        customs(SectionId.EXPORT.id());
        module.start().ifPresent(s -> line(1).append("(start ").append(Integer.toUnsignedString(s)).append(")\n"));
        customs(SectionId.START.id());
        for (int i = 0; i < module.elements().size(); i++) element(i, module.elements().get(i));
        customs(SectionId.ELEMENT.id());
        customs(SectionId.DATA_COUNT.id());
        int functionIndex = module.importedFunctionCount();
        for (int i = 0; i < module.functions().size(); i++) {
            var body = i < module.codes().size() ? module.codes().get(i) : null;
            function(functionIndex++, module.functions().get(i), body, 1);
        }
        customs(SectionId.CODE.id());
        for (int i = 0; i < module.data().size(); i++) data(i, module.data().get(i));
        customs(SectionId.DATA.id());
        out.append(")\n");
        return out.toString();
    }

    private StringBuilder line(int depth) {
        out.append(INDENT.repeat(depth));
        return out;
    }

    private void imports() {
        int[] counters = new int[5];
        for (var imp : module.imports()) {
            line(1).append("(import ").append(quote(imp.module())).append(' ').append(quote(imp.name())).append(" (")
                    .append(imp.desc().kind().text()).append(" (;").append(counters[imp.desc().kind().ordinal()]++).append(";)");
            switch (imp.desc()) {
                case ImportDesc.Func f -> typeUse(f.typeIndex());
                case ImportDesc.Table t -> tableType(t.type());
                case ImportDesc.Memory m -> limits(m.type().limits());
                case ImportDesc.Global g -> globalType(g.type());
                case ImportDesc.Tag t -> typeUse(t.type().typeIndex());
            }
            out.append("))\n");
        }
    }

    /** {@code (type n)}, with the signature spelled out when the type exists (for the reader). */
    private void typeUse(int typeIndex) {
        out.append(" (type ").append(Integer.toUnsignedString(typeIndex)).append(')');
        if (typeIndex >= 0 && typeIndex < module.types().size()) signature(module.types().get(typeIndex));
    }

    private void signature(FuncType type) {
        if (!type.params().isEmpty()) valTypes(" (param", type.params());
        if (!type.results().isEmpty()) valTypes(" (result", type.results());
    }

    private void valTypes(String open, List<ValType> types) {
        out.append(open);
        for (var t : types) out.append(' ').append(t.text());
        out.append(')');
    }

    private void tableType(TableType type) {
        limits(type.limits());
        out.append(' ').append(type.elementType().text());
    }

    private void limits(Limits limits) {
        if (limits.address64()) out.append(" i64");
        out.append(' ').append(Long.toUnsignedString(limits.min()));
        limits.max().ifPresent(max -> out.append(' ').append(Long.toUnsignedString(max)));
        if (limits.shared()) out.append(" shared");
    }

    private void globalType(GlobalType type) {
        if (type.mutable()) out.append(" (mut ").append(type.type().text()).append(')');
        else out.append(' ').append(type.type().text());
    }

    /**
     * A constant expression: folded one instruction at a time, e.g. {@code (i32.const 1)
     * (global.get 0) (i32.add)}, or flat when it has structured instructions (which only an
     * invalid module has, but the printer shows any module).
     */
    private void constExpr(ConstExpr expr) {
        boolean flat = expr.instructions().stream().anyMatch(i -> i.opcode() == Opcode.END || i.opcode() == Opcode.ELSE
                || i instanceof Instruction.Block || i instanceof Instruction.TryTable);
        for (var insn : expr.instructions()) {
            out.append(flat ? " " : " (");
            InstructionPrinter.append(out, insn);
            if (!flat) out.append(')');
        }
    }

    private void element(int index, ElementSegment e) {
        line(1).append("(elem (;").append(index).append(";)");
        switch (e.mode()) {
            case ElementSegment.Active a -> {
                out.append(" (table ").append(Integer.toUnsignedString(a.table())).append(") (offset");
                constExpr(a.offset());
                out.append(')');
            }
            case ElementSegment.Passive p -> { }
            case ElementSegment.Declarative d -> out.append(" declare");
        }
        out.append(' ').append(e.type().text());
        for (var item : e.items()) {
            out.append(" (item");
            constExpr(item);
            out.append(')');
        }
        out.append(")\n");
    }

    private void data(int index, DataSegment d) {
        line(1).append("(data (;").append(index).append(";)");
        if (d.mode() instanceof DataSegment.Active a) {
            out.append(" (memory ").append(Integer.toUnsignedString(a.memory())).append(") (offset");
            constExpr(a.offset());
            out.append(')');
        }
        out.append(' ').append(quote(d.bytes())).append(")\n");
    }

    private void function(int index, int typeIndex, FunctionBody body, int depth) {
        line(depth).append("(func (;").append(index).append(";)");
        typeUse(typeIndex);
        if (body == null) {
            out.append(")\n");
            return;
        }
        out.append('\n');
        for (LocalGroup g : body.locals()) {
            line(depth + 1).append("(local");
            for (long i = 0; i < g.count(); i++) out.append(' ').append(g.type().text());
            out.append(")\n");
        }
        var reader = new CodeReader(body);
        int nesting = 0;
        while (reader.hasNext()) {
            var insn = reader.next();
            var op = insn.opcode();
            int indent = depth + 1 + nesting;
            if (op == Opcode.END) {
                if (nesting == 0) break; // the function's own end
                nesting--;
                indent--;
            } else if (op == Opcode.ELSE) {
                indent--;
            } else if (insn instanceof Instruction.Block || insn instanceof Instruction.TryTable) {
                nesting++;
            }
            line(indent);
            InstructionPrinter.append(out, insn);
            out.append('\n');
        }
        line(depth).append(")\n");
    }

    private void customs(int placement) {
        for (CustomSection c : module.customs()) {
            if (c.placement() != placement) continue;
            line(1).append("(@custom ").append(quote(c.name()));
            if (placement == 0) {
                out.append(" (before first)");
            } else if (placement != SectionId.DATA.id()) {
                out.append(" (after ").append(sectionName(placement)).append(')');
            }
            out.append(' ').append(quote(c.data())).append(")\n");
        }
    }

    private static String sectionName(int id) {
        return switch (SectionId.fromId(id)) {
            case TYPE -> "type";
            case IMPORT -> "import";
            case FUNCTION -> "func";
            case TABLE -> "table";
            case MEMORY -> "memory";
            case TAG -> "tag";
            case GLOBAL -> "global";
            case EXPORT -> "export";
            case START -> "start";
            case ELEMENT -> "elem";
            case DATA_COUNT -> "datacount";
            case CODE -> "code";
            case DATA -> "data";
            case CUSTOM -> throw new IllegalArgumentException("custom section placed after a custom section");
        };
    }

    static String quote(String s) {
        return quote(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A string literal; bytes other than printable ASCII are {@code \hh} escapes. */
    static String quote(byte[] bytes) {
        var sb = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') sb.append((char) c);
            else sb.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
        }
        return sb.append('"').toString();
    }
}
