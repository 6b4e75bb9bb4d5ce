package flint.wasm.validate;

import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.FuncType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Limits;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

import java.util.HashSet;
import java.util.List;

/**
 * Everything in a module but the function bodies: types, imports, function declarations,
 * tables, memories, tags, globals, segments, the start function and exports, in that order.
 */
final class ModuleValidator {
    private static final long MAX_PAGES_32 = 1L << 16;
    private static final long MAX_PAGES_64 = 1L << 48;
    private static final long MAX_TABLE_32 = 0xFFFF_FFFFL;

    private final WasmModule m;
    private final ModuleContext ctx;
    private final ConstExprValidator constants;

    private ModuleValidator(WasmModule m, ModuleContext ctx) {
        this.m = m;
        this.ctx = ctx;
        this.constants = new ConstExprValidator(ctx);
    }

    static ModuleContext validate(WasmModule m) {
        checkTypes(m.types());
        var ctx = new ModuleContext(m);
        new ModuleValidator(m, ctx).run();
        return ctx;
    }

    private void run() {
        imports();
        for (int i = 0; i < m.functions().size(); i++) {
            typeIndex(m.functions().get(i), "function " + (ctx.importedFunctionCount() + i));
        }
        for (int i = 0; i < m.tables().size(); i++) table(i);
        for (int i = 0; i < m.memories().size(); i++) {
            memoryLimits(m.memories().get(i).limits(), "memory " + (ctx.memoryCount() - m.memories().size() + i));
        }
        for (int i = 0; i < m.tags().size(); i++) {
            tag(m.tags().get(i).typeIndex(), "tag " + (ctx.tagCount() - m.tags().size() + i));
        }
        for (int i = 0; i < m.globals().size(); i++) global(i);
        for (int i = 0; i < m.elements().size(); i++) element(i);
        for (int i = 0; i < m.data().size(); i++) data(i);
        start();
        exports();
    }

    /**
     * Without rec groups each type is its own group, so it may refer to itself and to earlier
     * types only: a forward reference is "unknown type" even if the index exists.
     */
    private static void checkTypes(List<FuncType> types) {
        for (int i = 0; i < types.size(); i++) {
            var t = types.get(i);
            for (var v : t.params()) checkTypeRef(v, i, "type " + i);
            for (var v : t.results()) checkTypeRef(v, i, "type " + i);
        }
    }

    private static void checkTypeRef(ValType v, int self, String where) {
        if (v instanceof RefType r && r.heap() instanceof ConcreteHeapType c
                && (c == Subtyping.BOTTOM_HEAP || !ModuleContext.inRange(c.typeIndex(), self + 1))) {
            throw new InvalidModuleException(Messages.unknown("type", c.typeIndex()), where);
        }
    }

    private void valType(ValType v, String where) {
        if (v instanceof RefType r && r.heap() instanceof ConcreteHeapType c
                && (c == Subtyping.BOTTOM_HEAP || !ModuleContext.inRange(c.typeIndex(), ctx.typeCount()))) {
            throw new InvalidModuleException(Messages.unknown("type", c.typeIndex()), where);
        }
    }

    private void typeIndex(int index, String where) {
        if (!ModuleContext.inRange(index, ctx.typeCount())) throw new InvalidModuleException(Messages.unknown("type", index), where);
    }

    private void imports() {
        int func = 0, table = 0, memory = 0, global = 0, tag = 0;
        for (var imp : m.imports()) {
            switch (imp.desc()) {
                case ImportDesc.Func f -> typeIndex(f.typeIndex(), "imported function " + func++);
                case ImportDesc.Table t -> tableType(t.type(), "imported table " + table++);
                case ImportDesc.Memory mem -> memoryLimits(mem.type().limits(), "imported memory " + memory++);
                case ImportDesc.Global g -> valType(g.type().type(), "imported global " + global++);
                case ImportDesc.Tag t -> tag(t.type().typeIndex(), "imported tag " + tag++);
            }
        }
    }

    private void tableType(TableType t, String where) {
        valType(t.elementType(), where);
        var l = t.limits();
        if (!l.address64()) checkRange(l, MAX_TABLE_32, "table size must be at most 2^32-1", where);
        checkMinMax(l, where);
    }

    /** A defined table: with an initializer of its element type, or else an element type that has a default (null). */
    private void table(int i) {
        var table = m.tables().get(i);
        int index = ctx.importedTableCount() + i;
        String where = "table " + index;
        tableType(table.type(), where);
        var et = table.type().elementType();
        if (table.init().isPresent()) {
            constants.check(table.init().get(), et, ctx.importedGlobalCount(), where + " initializer");
        } else if (!et.nullable()) {
            throw new InvalidModuleException("type mismatch: table of non-nullable " + et.text()
                    + " needs an initializer", where);
        }
    }

    private void memoryLimits(Limits l, String where) {
        if (l.address64()) checkRange(l, MAX_PAGES_64, "memory size must be at most 2^48 pages (256TiB)", where);
        else checkRange(l, MAX_PAGES_32, "memory size must be at most 65536 pages (4GiB)", where);
        checkMinMax(l, where);
        // Threads proposal: a shared memory is never reallocated, so it needs its final size up front.
        if (l.shared() && !l.hasMax()) throw new InvalidModuleException("shared memory must have maximum", where);
    }

    private static void checkRange(Limits l, long range, String message, String where) {
        if (Long.compareUnsigned(l.min(), range) > 0
                || (l.hasMax() && Long.compareUnsigned(l.max().getAsLong(), range) > 0)) {
            throw new InvalidModuleException(message, where);
        }
    }

    private static void checkMinMax(Limits l, String where) {
        if (l.hasMax() && Long.compareUnsigned(l.min(), l.max().getAsLong()) > 0) {
            throw new InvalidModuleException("size minimum must not be greater than maximum", where);
        }
    }

    private void tag(int typeIndex, String where) {
        typeIndex(typeIndex, where);
        if (!ctx.type(typeIndex).results().isEmpty()) throw new InvalidModuleException("non-empty tag result type", where);
    }

    /** A global's initializer sees the imported globals and the ones defined before it. */
    private void global(int i) {
        var g = m.globals().get(i);
        int index = ctx.importedGlobalCount() + i;
        String where = "global " + index;
        valType(g.type().type(), where);
        constants.check(g.init(), g.type().type(), index, where + " initializer");
    }

    private void element(int i) {
        var e = m.elements().get(i);
        String where = "elem segment " + i;
        valType(e.type(), where);
        for (int k = 0; k < e.items().size(); k++) {
            constants.check(e.items().get(k), e.type(), ctx.globalCount(), where + " item " + k);
        }
        if (e.mode() instanceof ElementSegment.Active a) {
            if (!ModuleContext.inRange(a.table(), ctx.tableCount())) {
                throw new InvalidModuleException(Messages.unknown("table", a.table()), where);
            }
            var table = ctx.table(a.table());
            constants.check(a.offset(), table.limits().addressType(), ctx.globalCount(), where + " offset");
            if (!ctx.subtyping().matches(e.type(), table.elementType())) {
                throw new InvalidModuleException("type mismatch: segment of " + e.type().text() + " for table "
                        + Integer.toUnsignedString(a.table()) + " of " + table.elementType().text(), where);
            }
        }
    }

    private void data(int i) {
        if (m.data().get(i).mode() instanceof DataSegment.Active a) {
            String where = "data segment " + i;
            if (!ModuleContext.inRange(a.memory(), ctx.memoryCount())) {
                throw new InvalidModuleException(Messages.unknown("memory", a.memory()), where);
            }
            constants.check(a.offset(), ctx.memory(a.memory()).limits().addressType(), ctx.globalCount(), where + " offset");
        }
    }

    private void start() {
        if (m.start().isEmpty()) return;
        int f = m.start().getAsInt();
        if (!ModuleContext.inRange(f, ctx.functionCount())) throw new InvalidModuleException(Messages.unknown("function", f), "start");
        var t = ctx.type(ctx.functionTypeIndex(f));
        if (!t.params().isEmpty() || !t.results().isEmpty()) {
            throw new InvalidModuleException("start function must have type [] -> [], but function "
                    + Integer.toUnsignedString(f) + " has " + t, "start");
        }
    }

    private void exports() {
        var names = new HashSet<String>();
        for (var x : m.exports()) {
            String where = "export \"" + x.name() + "\"";
            int count = switch (x.kind()) {
                case FUNC -> ctx.functionCount();
                case TABLE -> ctx.tableCount();
                case MEMORY -> ctx.memoryCount();
                case GLOBAL -> ctx.globalCount();
                case TAG -> ctx.tagCount();
            };
            if (!ModuleContext.inRange(x.index(), count)) {
                throw new InvalidModuleException(Messages.unknown(kindName(x), x.index()), where);
            }
            if (!names.add(x.name())) throw new InvalidModuleException("duplicate export name", where);
        }
    }

    private static String kindName(Export x) {
        return switch (x.kind()) {
            case FUNC -> "function";
            default -> x.kind().text();
        };
    }
}
