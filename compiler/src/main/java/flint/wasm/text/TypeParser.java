package flint.wasm.text;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.HeapType;
import flint.wasm.model.Limits;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Value, reference, heap, function, global, table and memory types, and type uses. Type names
 * ({@code (ref $t)}) resolve in the module's type space.
 */
final class TypeParser {
    private final Cursor in;
    private final ModuleScope scope;

    TypeParser(Cursor in, ModuleScope scope) {
        this.in = in;
        this.scope = scope;
    }

    /** Whether a value type starts here. */
    boolean atValType() {
        var t = in.peek();
        if (t.kind() == Token.Kind.KEYWORD) return numOrVec(t.text()) != null || abbreviatedRef(t.text()) != null;
        return in.atList("ref");
    }

    ValType valType() {
        var t = in.peek();
        if (t.kind() == Token.Kind.KEYWORD) {
            ValType v = numOrVec(t.text());
            if (v == null) v = abbreviatedRef(t.text());
            if (v != null) {
                in.next();
                return v;
            }
            if (t.text().equals("i8") || t.text().equals("i16")) throw in.unsupported(t, "GC types", "packed type " + t.text());
        }
        if (in.atList("ref")) return refType();
        throw in.unexpected(t, "a value type");
    }

    private static ValType numOrVec(String s) {
        return switch (s) {
            case "i32" -> NumType.I32;
            case "i64" -> NumType.I64;
            case "f32" -> NumType.F32;
            case "f64" -> NumType.F64;
            case "v128" -> VecType.V128;
            default -> null;
        };
    }

    private static RefType abbreviatedRef(String s) {
        return switch (s) {
            case "funcref" -> RefType.FUNCREF;
            case "externref" -> RefType.EXTERNREF;
            case "exnref" -> RefType.EXNREF;
            case "anyref" -> new RefType(true, AbsHeapType.ANY);
            case "eqref" -> new RefType(true, AbsHeapType.EQ);
            case "i31ref" -> new RefType(true, AbsHeapType.I31);
            case "structref" -> new RefType(true, AbsHeapType.STRUCT);
            case "arrayref" -> new RefType(true, AbsHeapType.ARRAY);
            case "nullref" -> new RefType(true, AbsHeapType.NONE);
            case "nullfuncref" -> new RefType(true, AbsHeapType.NOFUNC);
            case "nullexternref" -> new RefType(true, AbsHeapType.NOEXTERN);
            case "nullexnref" -> new RefType(true, AbsHeapType.NOEXN);
            default -> null;
        };
    }

    boolean atRefType() {
        var t = in.peek();
        return t.kind() == Token.Kind.KEYWORD ? abbreviatedRef(t.text()) != null : in.atList("ref");
    }

    RefType refType() {
        var t = in.peek();
        if (t.kind() == Token.Kind.KEYWORD) {
            var r = abbreviatedRef(t.text());
            if (r == null) throw in.unexpected(t, "a reference type");
            in.next();
            return r;
        }
        if (!in.atList("ref")) throw in.unexpected(t, "a reference type");
        in.expectList("ref");
        boolean nullable = in.tryKeyword("null");
        if (in.atList("exact")) throw in.unsupported(in.peek(), "custom descriptors", "exact reference types");
        var heap = heapType();
        in.expectRParen();
        return new RefType(nullable, heap);
    }

    HeapType heapType() {
        var t = in.peek();
        if (t.kind() == Token.Kind.KEYWORD) {
            var abs = abstractHeapType(t.text());
            if (abs == null) throw in.unexpected(t, "a heap type");
            in.next();
            return abs;
        }
        if (IndexSpace.atIndex(in)) return new ConcreteHeapType(scope.types.resolve(in));
        if (in.atList("exact")) throw in.unsupported(t, "custom descriptors", "exact heap types");
        throw in.unexpected(t, "a heap type");
    }

    static AbsHeapType abstractHeapType(String s) {
        for (var a : AbsHeapType.values()) if (a.text().equals(s)) return a;
        return null;
    }

    /** {@code valtype} or {@code (mut valtype)}. */
    GlobalType globalType() {
        if (in.tryList("mut")) {
            var v = valType();
            in.expectRParen();
            return new GlobalType(v, true);
        }
        return new GlobalType(valType(), false);
    }

    /** An optional address type, {@code i32} (the default) or {@code i64}: true for i64. */
    boolean addressType() {
        if (in.tryKeyword("i64")) return true;
        in.tryKeyword("i32");
        return false;
    }

    /** {@code min max?} (with an optional {@code shared} flag for memories). */
    Limits limits(boolean address64, boolean memory) {
        if (memory && in.atList("pagesize")) throw in.unsupported(in.peek(), "custom page sizes", "(pagesize ...)");
        long min = limit(address64);
        OptionalLong max = in.at(Token.Kind.NAT) ? OptionalLong.of(limit(address64)) : OptionalLong.empty();
        boolean shared = false;
        if (memory) {
            if (in.tryKeyword("shared")) shared = true;
            else in.tryKeyword("unshared");
            if (in.atList("pagesize")) throw in.unsupported(in.peek(), "custom page sizes", "(pagesize ...)");
        }
        return new Limits(min, max, address64, shared);
    }

    private long limit(boolean address64) {
        var t = in.expect(Token.Kind.NAT, "a limit");
        Long v = Literals.unsigned(t.text(), 64);
        if (v == null) throw in.error(t, "i64 constant out of range", t.text());
        return v;
    }

    /** {@code addrtype? limits reftype}. */
    TableType tableType() {
        boolean a64 = addressType();
        var limits = limits(a64, false);
        return new TableType(refType(), limits);
    }

    /**
     * Reads {@code (param ...)*}. With {@code ids} non-null, named parameters are allowed and
     * their identifier tokens (or null) are added to it, one per parameter.
     */
    void params(List<ValType> params, List<Token> ids) {
        while (in.atList("param")) {
            in.expectList("param");
            if (in.at(Token.Kind.ID)) {
                var id = in.next();
                if (ids == null) throw in.unexpected(id, "a value type");
                params.add(valType());
                ids.add(id);
            } else {
                while (!in.at(Token.Kind.RPAREN)) {
                    params.add(valType());
                    if (ids != null) ids.add(null);
                }
            }
            in.expectRParen();
        }
        if (in.atList("type")) throw in.unexpected(in.peek(1), null);
    }

    void results(List<ValType> results) {
        while (in.atList("result")) {
            in.expectList("result");
            while (!in.at(Token.Kind.RPAREN)) results.add(valType());
            in.expectRParen();
        }
        // Checked here, before any use of the declarations, so that this syntax error wins
        // over a mismatch with an explicit type index (as in the spec interpreter).
        if (in.atList("param") || in.atList("type")) throw in.unexpected(in.peek(1), null);
    }

    /** The outcome of a type use: the type index, its type, and parameter names (null entries for unnamed). */
    record TypeUse(int index, FuncType type, List<Token> paramIds) {}

    /**
     * {@code (type x)? (param ...)* (result ...)*}. A use with both an index and inline
     * declarations must agree with the indexed type; a use with only declarations finds or adds
     * a matching type. {@code type()} of the result is null when the index names no type yet
     * (left for the validator to report).
     */
    TypeUse typeUse(boolean namedParams) {
        Token typeToken = null;
        int index = -1;
        if (in.atList("exact")) throw in.unsupported(in.peek(1), "custom descriptors", "(exact ...)");
        if (in.atList("type")) {
            in.expectList("type");
            typeToken = in.peek();
            index = scope.types.resolve(in);
            in.expectRParen();
        }
        var params = new ArrayList<ValType>();
        var ids = new ArrayList<Token>();
        params(params, namedParams ? ids : null);
        var results = new ArrayList<ValType>();
        results(results);
        boolean inline = !params.isEmpty() || !results.isEmpty();
        if (typeToken == null) {
            var type = new FuncType(params, results);
            return new TypeUse(scope.typeIndexOf(type), type, ids);
        }
        var defined = scope.type(index);
        if (inline) {
            if (defined == null) throw in.error(typeToken, "unknown type", typeToken.text());
            var type = new FuncType(params, results);
            if (!type.equals(defined)) {
                throw in.error(typeToken, "inline function type does not match explicit type",
                        typeToken.text() + " is " + defined + " but the declarations say " + type);
            }
            return new TypeUse(index, defined, ids);
        }
        var unnamed = new ArrayList<Token>();
        if (defined != null) for (int i = 0; i < defined.params().size(); i++) unnamed.add(null);
        return new TypeUse(index, defined, unnamed);
    }
}
