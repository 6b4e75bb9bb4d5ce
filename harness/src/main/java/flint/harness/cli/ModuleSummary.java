package flint.harness.cli;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.CustomSection;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.GlobalType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.TableType;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A module's sections as text, one item per line: what {@code flint dump} prints. Function bodies
 * are summarized (locals, size, offset), not disassembled; that is the text printer's job.
 */
final class ModuleSummary {
    private final WasmModule module;
    private final List<String> lines = new ArrayList<>();

    private ModuleSummary(WasmModule module) {
        this.module = module;
    }

    static List<String> of(WasmModule module) {
        return new ModuleSummary(module).render();
    }

    private List<String> render() {
        section("types", module.types().size());
        for (int i = 0; i < module.types().size(); i++) {
            item(i, module.types().get(i).toString());
        }
        section("imports", module.imports().size());
        for (var imp : module.imports()) {
            lines.add("  " + quote(imp.module()) + " " + quote(imp.name()) + "  " + describe(imp.desc()));
        }
        section("functions", module.functions().size());
        int firstDefined = module.importedFunctionCount();
        for (int i = 0; i < module.functions().size(); i++) {
            int type = module.functions().get(i);
            var text = new StringBuilder("type " + type + " " + typeText(type));
            if (i < module.codes().size()) {
                var body = module.codes().get(i);
                text.append("  locals ").append(body.localCount())
                        .append("  code ").append(body.codeView().length).append(" bytes at 0x")
                        .append(Integer.toHexString(body.offset()));
            }
            item(firstDefined + i, text.toString());
        }
        section("tables", module.tables().size());
        int firstTable = module.importedTableCount();
        for (int i = 0; i < module.tables().size(); i++) {
            var table = module.tables().get(i);
            item(firstTable + i, describe(table.type()) + table.init().map(e -> " = " + expr(e)).orElse(""));
        }
        section("memories", module.memories().size());
        int firstMemory = module.importedMemoryCount();
        for (int i = 0; i < module.memories().size(); i++) {
            item(firstMemory + i, limits(module.memories().get(i).limits(), "pages"));
        }
        section("tags", module.tags().size());
        int firstTag = module.importedTagCount();
        for (int i = 0; i < module.tags().size(); i++) {
            int type = module.tags().get(i).typeIndex();
            item(firstTag + i, "type " + type + " " + typeText(type));
        }
        section("globals", module.globals().size());
        int firstGlobal = module.importedGlobalCount();
        for (int i = 0; i < module.globals().size(); i++) {
            var global = module.globals().get(i);
            item(firstGlobal + i, describe(global.type()) + " = " + expr(global.init()));
        }
        section("exports", module.exports().size());
        for (var export : module.exports()) {
            lines.add("  " + quote(export.name()) + "  " + export.kind().text() + " " + export.index());
        }
        lines.add("start " + (module.start().isPresent() ? "function " + module.start().getAsInt() : "none"));
        section("elements", module.elements().size());
        for (int i = 0; i < module.elements().size(); i++) {
            item(i, describe(module.elements().get(i)));
        }
        section("data", module.data().size());
        for (int i = 0; i < module.data().size(); i++) {
            item(i, describe(module.data().get(i)));
        }
        module.dataCount().ifPresent(n -> lines.add("data count " + n));
        section("custom sections", module.customs().size());
        for (CustomSection custom : module.customs()) {
            lines.add("  " + quote(custom.name()) + "  " + custom.data().length + " bytes");
        }
        return lines;
    }

    private void section(String name, int count) {
        lines.add(name + " (" + count + ")");
    }

    private void item(int index, String text) {
        lines.add("  " + index + "  " + text);
    }

    private String typeText(int typeIndex) {
        return typeIndex < module.types().size() ? module.types().get(typeIndex).toString() : "(unknown type)";
    }

    private String describe(ImportDesc desc) {
        return switch (desc) {
            case ImportDesc.Func f -> "func type " + f.typeIndex() + " " + typeText(f.typeIndex());
            case ImportDesc.Table t -> "table " + describe(t.type());
            case ImportDesc.Memory m -> "memory " + limits(m.type().limits(), "pages");
            case ImportDesc.Global g -> "global " + describe(g.type());
            case ImportDesc.Tag t -> "tag type " + t.type().typeIndex() + " " + typeText(t.type().typeIndex());
        };
    }

    private static String describe(TableType type) {
        return type.elementType().text() + " " + limits(type.limits(), "elements");
    }

    private static String describe(GlobalType type) {
        return type.mutable() ? "(mut " + type.type().text() + ")" : type.type().text();
    }

    private static String limits(Limits limits, String unit) {
        var text = new StringBuilder(unit + " " + limits.min());
        text.append(limits.max().isPresent() ? ".." + limits.max().getAsLong() : "..");
        if (limits.address64()) {
            text.append(" i64");
        }
        if (limits.shared()) {
            text.append(" shared");
        }
        return text.toString();
    }

    private static String describe(ElementSegment segment) {
        String mode = switch (segment.mode()) {
            case ElementSegment.Passive p -> "passive";
            case ElementSegment.Declarative d -> "declarative";
            case ElementSegment.Active a -> "active table " + a.table() + " at " + expr(a.offset());
        };
        return segment.type().text() + " " + mode + ", " + segment.items().size() + " items";
    }

    private static String describe(DataSegment segment) {
        String mode = switch (segment.mode()) {
            case DataSegment.Passive p -> "passive";
            case DataSegment.Active a -> "active memory " + a.memory() + " at " + expr(a.offset());
        };
        return mode + ", " + segment.length() + " bytes";
    }

    /** A constant expression in text-format style; unusual instructions fall back to their toString. */
    private static String expr(ConstExpr expr) {
        return expr.instructions().stream().map(ModuleSummary::instruction).collect(Collectors.joining(" "));
    }

    private static String instruction(Instruction instruction) {
        return switch (instruction) {
            case Instruction.I32Const c -> "i32.const " + c.value();
            case Instruction.I64Const c -> "i64.const " + c.value();
            case Instruction.F32Const c -> "f32.const " + bare(ValueSyntax.format(new Value.F32(c.bits())));
            case Instruction.F64Const c -> "f64.const " + bare(ValueSyntax.format(new Value.F64(c.bits())));
            case Instruction.V128Const c -> "v128.const " + bare(ValueSyntax.format(new Value.V128(c.low(), c.high())));
            case Instruction.Indexed i -> i.opcode().mnemonic() + " " + i.index();
            case Instruction.RefNull r -> "ref.null " + r.type().text();
            case Instruction.Plain p -> p.opcode().mnemonic();
            default -> instruction.toString();
        };
    }

    private static String bare(String typed) {
        return typed.substring(typed.indexOf(':') + 1);
    }

    /** A name as a text-format string: quotes, backslashes and control characters escaped. */
    private static String quote(String name) {
        var text = new StringBuilder("\"");
        name.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                text.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7F) {
                text.append(String.format("\\%02x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.append('"').toString();
    }
}
