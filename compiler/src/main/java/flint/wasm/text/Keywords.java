package flint.wasm.text;

import flint.wasm.model.Opcode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The text format's vocabulary: instruction mnemonics, the other keywords of the grammar, and
 * the mnemonics of proposals the model does not cover yet. The distinction decides the error
 * for a misplaced word: a word the format knows is an "unexpected token", any other is an
 * "unknown operator" (the spec interpreter's lexer rejects it before parsing).
 */
final class Keywords {
    private Keywords() {}

    private static final Map<String, Opcode> OPCODES = new HashMap<>();

    static {
        for (var op : Opcode.values()) {
            if (op != Opcode.SELECT_T) OPCODES.put(op.mnemonic(), op);
        }
    }

    private static final Set<String> GRAMMAR = Set.of(
            "module", "type", "func", "param", "result", "local", "global", "table", "memory", "tag",
            "import", "export", "start", "elem", "data", "offset", "item", "declare", "mut", "then",
            "funcref", "externref", "exnref", "anyref", "eqref", "i31ref", "structref", "arrayref",
            "nullref", "nullfuncref", "nullexternref", "nullexnref", "ref", "null", "extern", "exn",
            "any", "eq", "i31", "struct", "array", "none", "nofunc", "noextern", "noexn", "shared",
            "i32", "i64", "f32", "f64", "v128", "i8", "i16", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4",
            "f64x2", "catch", "catch_ref", "catch_all", "catch_all_ref", "rec", "sub", "final", "field",
            "binary", "quote", "definition", "instance", "register", "invoke", "get", "script", "input",
            "output", "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_return",
            "assert_trap", "assert_exception", "assert_exhaustion", "assert_malformed_custom",
            "assert_invalid_custom", "assert_uninstantiable", "nan:canonical", "nan:arithmetic",
            "either", "pagesize", "unshared", "exact", "descriptor", "describes", "ref.extern", "ref.host", "ref.struct", "ref.array", "ref.exn", "ref.i31");

    /** Instructions of the GC proposal (struct, array, i31 and cast instructions). */
    private static final Set<String> GC = Set.of(
            "ref.test", "ref.cast", "br_on_cast", "br_on_cast_fail", "any.convert_extern",
            "extern.convert_any", "ref.i31", "i31.get_s", "i31.get_u");

    /** The instruction for a mnemonic, or null. */
    static Opcode opcode(String mnemonic) { return OPCODES.get(mnemonic); }

    /** Whether the text format knows this word (as an instruction or otherwise). */
    static boolean isKnown(String word) {
        return OPCODES.containsKey(word) || GRAMMAR.contains(word) || word.startsWith("offset=")
                || word.startsWith("align=") || unsupportedFeature(word) != null;
    }

    /** The proposal an instruction belongs to if the model lacks it, else null. */
    static String unsupportedFeature(String word) {
        if (GC.contains(word) || word.startsWith("struct.") || word.startsWith("array.")) return "GC types";
        if (word.contains("_desc") || word.startsWith("ref.get_desc")) return "custom descriptors";
        if (word.contains(".atomic.") || word.equals("atomic.fence") || word.startsWith("memory.atomic")) return "threads";
        if (word.equals("try") || word.equals("do") || word.equals("delegate") || word.equals("rethrow")) return "legacy exceptions";
        if (word.equals("i64.add128") || word.equals("i64.sub128") || word.startsWith("i64.mul_wide")) return "wide arithmetic";
        return null;
    }
}
