package flint.compiler.microwasm;

import flint.wasm.model.MemArg;
import flint.wasm.model.ValType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Microwasm as text, one operator per line, for compiler engineers (the {@code flint compile
 * --emit microwasm} output and reproducer reports):
 *
 * <pre>
 * function 0 "fac" [i64] -&gt; [i64] locals [i64]
 *   i64.const 0                         ; local 1
 *   ...
 *   declare L1.loop [i64 i64 |] loop
 *   br L1.loop
 * L1.loop:                              ; 1 forward + 1 backward callers
 *   pick 1                              ; local 0
 *   i64.eqz
 *   declare L0.end [i64 i64 |]
 *   declare L2.next [i64 i64 |] callers=1
 *   br_if L0.end else L2.next
 * L2.next:                              ; 1 caller
 *   ...
 *   br L1.loop
 * L0.end:                               ; 1 caller
 *   pick 0                              ; local 1
 *   br return drop [1..2]
 * </pre>
 *
 * Labels start at column 0, operators are indented. Stack types are written bottom first, a
 * {@code |} between the locals and the operands; drop ranges are inclusive depths from the top
 * ({@code [1..2]}: the second and third entry). {@code pick} and {@code swap} say which local they
 * reach; label definitions say how many jump sites reach them in the end.
 */
public final class MicrowasmPrinter {
    private static final int COMMENT_COLUMN = 38;

    private MicrowasmPrinter() {}

    /** The function with a header line. */
    public static String print(MicrowasmFunction function) {
        return print(function, null);
    }

    /** The function with a header line naming it {@code name} (e.g. its export name), if not null. */
    public static String print(MicrowasmFunction function, String name) {
        var sb = new StringBuilder();
        var header = function.header();
        sb.append("function ").append(header.index());
        if (name != null) sb.append(" \"").append(name).append('"');
        sb.append(' ').append(types(header.type().params())).append(" -> ").append(types(header.type().results()));
        if (!header.locals().isEmpty()) sb.append(" locals ").append(types(header.locals()));
        sb.append('\n');
        new Body(function, sb).print();
        return sb.toString();
    }

    /** One operator without indentation or comment, e.g. {@code br_if L3.end drop [1..2] else L4.next}. */
    public static String format(MicroOp op) {
        return switch (op) {
            case MicroOp.DeclareBlock d -> declare(d, -1);
            case MicroOp.DefineLabel d -> d.label() + ":";
            case MicroOp.Br br -> "br " + br.target();
            case MicroOp.BrIf b -> "br_if " + b.ifTrue() + " else " + b.ifFalse();
            case MicroOp.BrTable t -> "br_table [" + t.targets().stream().map(BrTarget::toString)
                    .collect(Collectors.joining(", ")) + "] default " + t.defaultTarget();
            case MicroOp.Unreachable u -> "unreachable";
            case MicroOp.Pick p -> "pick " + p.depth();
            case MicroOp.Swap s -> "swap " + s.depth();
            case MicroOp.Drop d -> "drop " + d.range();
            case MicroOp.I32Const c -> "i32.const " + c.value();
            case MicroOp.I64Const c -> "i64.const " + c.value();
            case MicroOp.IntUnary u -> u.type() + "." + u.op().text();
            case MicroOp.IntBinary b -> b.type() + "." + b.op().text();
            case MicroOp.IntCompare c -> c.type() + "." + c.condition().text();
            case MicroOp.IntEqz e -> e.type() + ".eqz";
            case MicroOp.SignExtend s -> s.type() + ".extend" + s.from().bits() + "_s";
            case MicroOp.Wrap w -> "i32.wrap_i64";
            case MicroOp.ExtendI32 e -> "i64.extend_i32_" + (e.signed() ? "s" : "u");
            case MicroOp.Select s -> "select " + s.type().text();
            case MicroOp.F32Const c -> "f32.const " + flint.wasm.text.InstructionPrinter.f32(c.bits());
            case MicroOp.F64Const c -> "f64.const " + flint.wasm.text.InstructionPrinter.f64(c.bits());
            case MicroOp.FloatUnary u -> u.type() + "." + u.op().text();
            case MicroOp.FloatBinary b -> b.type() + "." + b.op().text();
            case MicroOp.FloatCompare c -> c.type() + "." + c.condition().text();
            case MicroOp.IntToFloat c -> c.to() + ".convert_" + c.from() + (c.signed() ? "_s" : "_u");
            case MicroOp.FloatToInt t -> t.to() + ".trunc_" + (t.saturating() ? "sat_" : "") + t.from() + (t.signed() ? "_s" : "_u");
            case MicroOp.FloatConvert c -> c.to() == FloatType.F64 ? "f64.promote_f32" : "f32.demote_f64";
            case MicroOp.Reinterpret r -> r.to().text() + ".reinterpret_" + r.from().text();
            case MicroOp.FloatLoad l -> l.type() + ".load" + memArg(l.memArg(), Width.ofBytes(l.type().bytes()));
            case MicroOp.FloatStore s -> s.type() + ".store" + memArg(s.memArg(), Width.ofBytes(s.type().bytes()));
            case MicroOp.Load l -> l.type() + ".load" + (l.width().isFull(l.type()) ? "" : l.width().bits() + (l.signed() ? "_s" : "_u"))
                    + memArg(l.memArg(), l.width());
            case MicroOp.Store s -> s.type() + ".store" + (s.width().isFull(s.type()) ? "" : s.width().bits())
                    + memArg(s.memArg(), s.width());
            case MicroOp.MemorySize m -> "memory.size" + (m.memory() == 0 ? "" : " " + m.memory());
            case MicroOp.MemoryGrow m -> "memory.grow" + (m.memory() == 0 ? "" : " " + m.memory());
            case MicroOp.GlobalGet g -> "global.get " + g.global() + " " + g.type().text();
            case MicroOp.GlobalSet g -> "global.set " + g.global() + " " + g.type().text();
            case MicroOp.Call c -> "call " + c.function() + " " + types(c.type().params()) + " -> " + types(c.type().results());
            case MicroOp.RefNull r -> "ref.null " + r.type().text();
            case MicroOp.RefIsNull r -> "ref.is_null";
            case MicroOp.RefFunc r -> "ref.func " + r.function();
            case MicroOp.CallIndirect c -> "call_indirect " + c.table() + " type " + c.typeIndex() + " "
                    + types(c.type().params()) + " -> " + types(c.type().results());
            case MicroOp.TableGet t -> "table.get " + t.table() + " " + t.type().text();
            case MicroOp.TableSet t -> "table.set " + t.table() + " " + t.type().text();
            case MicroOp.TableSize t -> "table.size " + t.table();
            case MicroOp.TableGrow t -> "table.grow " + t.table() + " " + t.type().text();
            case MicroOp.TableFill t -> "table.fill " + t.table() + " " + t.type().text();
            case MicroOp.TableCopy t -> "table.copy " + t.dstTable() + " " + t.srcTable();
            case MicroOp.TableInit t -> "table.init " + t.table() + " elem " + t.segment();
            case MicroOp.ElemDrop e -> "elem.drop " + e.segment();
            case MicroOp.MemoryCopy m -> "memory.copy" + (m.dstMemory() == 0 && m.srcMemory() == 0 ? "" : " " + m.dstMemory() + " " + m.srcMemory());
            case MicroOp.MemoryFill m -> "memory.fill" + (m.memory() == 0 ? "" : " " + m.memory());
            case MicroOp.MemoryInit m -> "memory.init" + (m.memory() == 0 ? "" : " " + m.memory()) + " data " + m.segment();
            case MicroOp.DataDrop d -> "data.drop " + d.segment();
        };
    }

    /** A declaration; when {@code locals} is not negative, a {@code |} separates that many locals from the operands. */
    private static String declare(MicroOp.DeclareBlock d, int locals) {
        var params = d.params();
        String list;
        if (locals < 0 || locals > params.size()) {
            list = types(params);
        } else {
            var operands = params.subList(locals, params.size());
            var prefix = locals == 0 ? "[|" : "[" + join(params.subList(0, locals)) + " |";
            list = prefix + (operands.isEmpty() ? "" : " " + join(operands)) + "]";
        }
        return "declare " + d.label() + " " + list + (d.hasBackwardCallers() ? " loop" : "")
                + (d.numCallers().isPresent() ? " callers=" + d.numCallers().getAsInt() : "");
    }

    private static String join(List<ValType> types) {
        return types.stream().map(ValType::text).collect(Collectors.joining(" "));
    }

    /** The text format's memarg: the memory if not 0, the offset if not 0, the alignment if not natural. */
    private static String memArg(MemArg m, Width width) {
        var sb = new StringBuilder();
        if (m.memory() != 0) sb.append(' ').append(m.memory());
        if (m.offset() != 0) sb.append(" offset=").append(Long.toUnsignedString(m.offset()));
        if (1L << m.alignLog2() != width.bytes()) sb.append(" align=").append(1L << m.alignLog2());
        return sb.toString();
    }

    static String types(List<ValType> types) {
        return "[" + join(types) + "]";
    }

    /** Prints the operators, following the stack height so that picks and swaps can name their local. */
    private static final class Body {
        private final MicrowasmFunction function;
        private final StringBuilder sb;
        private final Map<Label, BlockInfo> blocks = new HashMap<>();
        private final Map<Label, Integer> params = new HashMap<>();
        private final int locals;
        private int height;

        Body(MicrowasmFunction function, StringBuilder sb) {
            this.function = function;
            this.sb = sb;
            function.blocks().forEach(b -> blocks.put(b.label(), b));
            this.locals = function.header().localCount();
            this.height = function.header().type().params().size();
        }

        void print() {
            for (var op : function.ops()) {
                int before = height;
                String comment = switch (op) {
                    case MicroOp.DefineLabel d -> callers(blocks.get(d.label()));
                    case MicroOp.Pick p -> local(before - 1 - p.depth());
                    case MicroOp.Swap s -> local(before - 1 - s.depth());
                    case MicroOp.I32Const c when before < locals -> "local " + before;
                    case MicroOp.I64Const c when before < locals -> "local " + before;
                    case MicroOp.F32Const c when before < locals -> "local " + before;
                    case MicroOp.F64Const c when before < locals -> "local " + before;
                    case MicroOp.RefNull c when before < locals -> "local " + before;
                    default -> null;
                };
                var text = op instanceof MicroOp.DeclareBlock d ? declare(d, locals) : format(op);
                line(op instanceof MicroOp.DefineLabel ? "" : "  ", text, comment);
                height = after(op, before);
            }
        }

        private String local(int index) {
            return index >= 0 && index < locals ? "local " + index : null;
        }

        private static String callers(BlockInfo info) {
            if (info == null) return null;
            if (info.backwardCallers() > 0) {
                return info.forwardCallers() + " forward + " + info.backwardCallers() + " backward callers";
            }
            return info.forwardCallers() + (info.forwardCallers() == 1 ? " caller" : " callers");
        }

        /** Only the height matters here; the checker follows the types. After a terminator it is unknown until the next label. */
        private int after(MicroOp op, int h) {
            return switch (op) {
                case MicroOp.DeclareBlock d -> {
                    params.put(d.label(), d.params().size());
                    yield h;
                }
                case MicroOp.DefineLabel d -> params.getOrDefault(d.label(), 0);
                case MicroOp.Br b -> h;
                case MicroOp.BrIf b -> h;
                case MicroOp.BrTable b -> h;
                case MicroOp.Unreachable u -> h;
                case MicroOp.Pick p -> h + 1;
                case MicroOp.Swap s -> h;
                case MicroOp.Drop d -> h - d.range().count();
                case MicroOp.I32Const c -> h + 1;
                case MicroOp.I64Const c -> h + 1;
                case MicroOp.IntUnary u -> h;
                case MicroOp.IntBinary b -> h - 1;
                case MicroOp.IntCompare c -> h - 1;
                case MicroOp.IntEqz e -> h;
                case MicroOp.SignExtend s -> h;
                case MicroOp.Wrap w -> h;
                case MicroOp.ExtendI32 e -> h;
                case MicroOp.Select s -> h - 2;
                case MicroOp.F32Const c -> h + 1;
                case MicroOp.F64Const c -> h + 1;
                case MicroOp.FloatUnary u -> h;
                case MicroOp.FloatBinary b -> h - 1;
                case MicroOp.FloatCompare c -> h - 1;
                case MicroOp.IntToFloat c -> h;
                case MicroOp.FloatToInt t -> h;
                case MicroOp.FloatConvert c -> h;
                case MicroOp.Reinterpret r -> h;
                case MicroOp.FloatLoad l -> h;
                case MicroOp.FloatStore s -> h - 2;
                case MicroOp.Load l -> h;
                case MicroOp.Store s -> h - 2;
                case MicroOp.MemorySize m -> h + 1;
                case MicroOp.MemoryGrow m -> h;
                case MicroOp.GlobalGet g -> h + 1;
                case MicroOp.GlobalSet g -> h - 1;
                case MicroOp.Call c -> h - c.type().params().size() + c.type().results().size();
                case MicroOp.RefNull r -> h + 1;
                case MicroOp.RefIsNull r -> h;
                case MicroOp.RefFunc r -> h + 1;
                case MicroOp.CallIndirect c -> h - 1 - c.type().params().size() + c.type().results().size();
                case MicroOp.TableGet t -> h;
                case MicroOp.TableSet t -> h - 2;
                case MicroOp.TableSize t -> h + 1;
                case MicroOp.TableGrow t -> h - 1;
                case MicroOp.TableFill _, MicroOp.TableCopy _, MicroOp.TableInit _ -> h - 3;
                case MicroOp.MemoryCopy _, MicroOp.MemoryFill _, MicroOp.MemoryInit _ -> h - 3;
                case MicroOp.ElemDrop e -> h;
                case MicroOp.DataDrop d -> h;
            };
        }

        private void line(String indent, String text, String comment) {
            int start = sb.length();
            sb.append(indent).append(text);
            if (comment != null) {
                sb.append(" ".repeat(Math.max(1, COMMENT_COLUMN - (sb.length() - start)))).append("; ").append(comment);
            }
            sb.append('\n');
        }
    }
}
