package flint.harness.nativecode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid modules of integer, and optionally also float, code as WAT text, for differential
 * tests against the reference interpreter. The generator tracks types itself: every expression is
 * generated for the type it must leave, every statement leaves the stack as it found it.
 *
 * <p>Termination is guaranteed: a function calls only functions defined before it, and every loop
 * counts down a counter local of its own (branches never target a loop header except its
 * counting back-edge). Traps are welcome (division by zero, out-of-bounds accesses).
 *
 * <p>Built to stress the backend: deep expressions and long chains keep more values alive than
 * there are registers, blocks and branches carry values across jumps with other values live
 * below, {@code br_table}s have several targets, and calls take and return many values.
 *
 * <p>With floats: every float operator and conversion, float locals, parameters, results,
 * globals, loads and stores. Engines may return different NaNs wherever the spec allows a choice
 * (which operand's payload, quieted or not), so a float's bits are never made observable while it
 * may be NaN: results are compared NaN-aware by the test, and a value is "sanitized" (a NaN
 * replaced by 0) before a store or an {@code i32/i64.reinterpret}. Constants include quiet NaNs
 * only: Chicory returns a signalling NaN unchanged from min, max, ceil, floor and trunc. Chicory
 * also misrounds {@code f32.convert_i64_u} of values from 2^63 on, which the generator therefore
 * only converts when they are exact in f32 (the spec tests cover the rest).
 */
final class RandomNumericModules {
    private static final String[] T = {"i32", "i64", "f32", "f64"};
    /** Quiet NaNs, infinities, zeros, halves, the edges of every integer conversion, subnormals. */
    private static final String[] FLOATS = {"0", "-0", "1", "-1", "0.5", "-0.5", "1.5", "2.5", "-2.5", "3", "1e10", "-1e10",
        "inf", "-inf", "nan", "-nan", "0x1p31", "-0x1p31", "0x1p32", "0x1p63", "-0x1p63", "0x1p64", "0x1.fffffep127",
        "0x1p-149", "-0x1p-126", "2147483647", "-2147483649", "4294967295", "9223372036854775807",
        "18446744073709551615", "0.1", "-0.99999"};
    /** Beyond f32's range. */
    private static final String[] F64_ONLY = {"0x1p-1074", "0x1.fffffffffffffp1023", "-0x1p1000", "0x1.0000000000001p0"};
    private static final long[] INTERESTING = {0, 1, -1, 2, 7, 31, 32, 63, 64, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF,
        0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFF0, 65535, 65536, -65536};

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    /** A function's signature and locals as the generator knows them. */
    record Func(String name, List<String> params, List<String> results, List<String> locals, long[] cost) {}

    private final List<Func> functions = new ArrayList<>();
    private Func current;
    private List<String> localTypes;
    /**
     * Label kinds of the open blocks, innermost last: 'b' a block or if without results (statements
     * may branch to it), 'v' one with results (only its own code branches to it), 'l' a loop
     * (never a branch target but for its counting back-edge).
     */
    private final List<Character> labels = new ArrayList<>();
    private int budget;
    /** Calls made by the function being generated (each costs its callee's cost). */
    private int callSites;
    /** The loop counter locals of the function being generated: nothing else writes them. */
    private final java.util.Set<Integer> counters = new java.util.HashSet<>();
    /** How many loops enclose the code being generated. */
    private int loopDepth;

    private final boolean floats;

    RandomNumericModules(long seed) {
        this(seed, false);
    }

    RandomNumericModules(long seed, boolean floats) {
        this.random = new Random(seed);
        this.floats = floats;
    }

    /** A module of {@code count} exported functions f0..f(count-1) with one memory and two globals. */
    String module(int count) {
        out.append("(module\n  (memory 1 4)\n");
        out.append("  (global $g0 (mut i32) (i32.const ").append(random.nextInt()).append("))\n");
        out.append("  (global $g1 (mut i64) (i64.const ").append(random.nextLong()).append("))\n");
        if (floats) {
            out.append("  (global $g2 (mut f32) (f32.const ").append(constant("f32")).append("))\n");
            out.append("  (global $g3 (mut f64) (f64.const ").append(constant("f64")).append("))\n");
        }
        out.append("  (data (i32.const 0) \"");
        for (int i = 0; i < 64; i++) out.append(String.format("\\%02x", random.nextInt(256)));
        out.append("\")\n");
        for (int i = 0; i < count; i++) function("f" + i);
        out.append(")\n");
        return out.toString();
    }

    List<Func> functions() {
        return functions;
    }

    private String type() {
        return T[random.nextInt(floats ? 4 : 2)];
    }

    private static boolean isFloat(String t) {
        return t.charAt(0) == 'f';
    }

    private static String global(String t) {
        return "global.get $g" + java.util.Arrays.asList(T).indexOf(t);
    }

    private void function(String name) {
        int params = random.nextInt(10) == 0 ? 12 + random.nextInt(6) : random.nextInt(5);
        int results = random.nextInt(8) == 0 ? 2 + random.nextInt(12) : random.nextInt(3);
        int locals = random.nextInt(6) == 0 ? 14 + random.nextInt(10) : random.nextInt(4);
        var p = new ArrayList<String>();
        var r = new ArrayList<String>();
        var l = new ArrayList<String>();
        for (int i = 0; i < params; i++) p.add(type());
        for (int i = 0; i < results; i++) r.add(type());
        for (int i = 0; i < locals; i++) l.add(type());
        current = new Func(name, p, r, l, new long[] {0});
        callSites = 0;
        localTypes = new ArrayList<>(p);
        localTypes.addAll(l);
        var body = new StringBuilder();
        budget = 60 + random.nextInt(120);
        labels.clear();
        loopDepth = 0;
        counters.clear();
        var code = new ArrayList<String>();
        int statements = 1 + random.nextInt(5);
        for (int i = 0; i < statements; i++) statement(code, 4);
        for (var t : r) expression(code, t, 5);
        if (random.nextInt(6) == 0 && !r.isEmpty()) {
            // an early return from inside a block
            var ret = new ArrayList<String>(List.of("block"));
            expression(ret, "i32", 2);
            ret.add("if");
            for (var t : r) expression(ret, t, 2);
            ret.add("return");
            ret.add("end");
            ret.add("end");
            code.addAll(0, ret);
        }
        // locals added for loop counters
        for (int i = current.params().size() + l.size(); i < localTypes.size(); i++) l.add(localTypes.get(i));
        body.append("  (func $").append(name).append(" (export \"").append(name).append("\")");
        if (!p.isEmpty()) body.append(" (param ").append(String.join(" ", p)).append(')');
        if (!r.isEmpty()) body.append(" (result ").append(String.join(" ", r)).append(')');
        if (!l.isEmpty()) body.append(" (local ").append(String.join(" ", l)).append(')');
        body.append('\n');
        for (var insn : code) body.append("    ").append(insn).append('\n');
        current.cost()[0] += code.size();
        body.append("  )\n");
        out.append(body);
        functions.add(current);
    }

    /** A constant's text: an integer, or a float literal. */
    private String constant(String t) {
        if (isFloat(t)) {
            return switch (random.nextInt(3)) {
                case 0 -> t.equals("f64") && random.nextInt(4) == 0 ? F64_ONLY[random.nextInt(F64_ONLY.length)]
                        : FLOATS[random.nextInt(FLOATS.length)];
                case 1 -> FLOATS[random.nextInt(FLOATS.length)];
                default -> t.equals("f32") ? Float.toHexString(Float.intBitsToFloat(random.nextInt()))
                        .replace("Infinity", "inf").replace("NaN", "nan")
                        : Double.toHexString(Double.longBitsToDouble(random.nextLong())).replace("Infinity", "inf")
                        .replace("NaN", "nan");
            };
        }
        return Long.toString(intConstant(t));
    }

    private long intConstant(String t) {
        long v = switch (random.nextInt(4)) {
            case 0 -> INTERESTING[random.nextInt(INTERESTING.length)];
            case 1 -> random.nextInt(16) - 8;
            case 2 -> random.nextInt();
            default -> random.nextLong();
        };
        return t.equals("i32") ? (int) v : v;
    }

    private int localOf(String t) {
        var candidates = new ArrayList<Integer>();
        for (int i = 0; i < localTypes.size(); i++) {
            if (localTypes.get(i).equals(t) && !counters.contains(i)) candidates.add(i);
        }
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    private void leaf(List<String> code, String t) {
        int local = localOf(t);
        switch (random.nextInt(4)) {
            case 0, 1 -> {
                if (local >= 0) {
                    code.add("local.get " + local);
                    return;
                }
                code.add(t + ".const " + constant(t));
            }
            case 2 -> code.add(global(t));
            default -> code.add(t + ".const " + constant(t));
        }
    }

    private static final String[] BINARY = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl",
        "rotr", "div_s", "div_u", "rem_s", "rem_u"};
    private static final String[] COMPARE = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};

    private void expression(List<String> code, String t, int depth) {
        budget--;
        if (depth <= 0 || budget <= 0) {
            leaf(code, t);
            return;
        }
        int choice = random.nextInt(22);
        if (isFloat(t) && floatExpression(code, t, depth, choice)) return;
        switch (choice) {
            case 0, 1 -> leaf(code, t);
            case 2, 3, 4 -> {
                expression(code, t, depth - 1);
                if (random.nextBoolean()) code.add(t + ".const " + constant(t));
                else expression(code, t, depth - 1);
                code.add(t + "." + BINARY[random.nextInt(BINARY.length)]);
            }
            case 5 -> {
                expression(code, t, depth - 1);
                code.add(t + "." + new String[] {"clz", "ctz", "popcnt", "eqz"}[random.nextInt(4)]);
                if (code.getLast().endsWith("eqz") && t.equals("i64")) code.add("i64.extend_i32_u");
            }
            case 6, 7 -> {
                String s = type();
                expression(code, s, depth - 1);
                expression(code, s, depth - 1);
                code.add(s + "." + (isFloat(s) ? FLOAT_COMPARE[random.nextInt(FLOAT_COMPARE.length)]
                        : COMPARE[random.nextInt(COMPARE.length)]));
                if (t.equals("i64")) code.add(random.nextBoolean() ? "i64.extend_i32_u" : "i64.extend_i32_s");
                else if (random.nextBoolean()) {
                    // a fused compare consumed by a select or a branch
                    labels.add('v');
                    code.add("if (result i32)");
                    expression(code, "i32", depth - 1);
                    code.add("else");
                    expression(code, "i32", depth - 1);
                    code.add("end");
                    labels.removeLast();
                }
            }
            case 8 -> {
                if (floats && random.nextBoolean()) {
                    floatToInt(code, t, depth);
                } else if (t.equals("i32")) {
                    expression(code, "i64", depth - 1);
                    code.add("i32.wrap_i64");
                    if (random.nextBoolean()) code.add(random.nextBoolean() ? "i32.extend8_s" : "i32.extend16_s");
                } else if (random.nextBoolean()) {
                    expression(code, "i32", depth - 1);
                    code.add(random.nextBoolean() ? "i64.extend_i32_s" : "i64.extend_i32_u");
                } else {
                    expression(code, "i64", depth - 1);
                    code.add(new String[] {"i64.extend8_s", "i64.extend16_s", "i64.extend32_s"}[random.nextInt(3)]);
                }
            }
            case 9 -> {
                expression(code, t, depth - 1);
                expression(code, t, depth - 1);
                expression(code, "i32", depth - 1);
                code.add(random.nextBoolean() ? "select" : "select (result " + t + ")");
            }
            case 10 -> {
                int local = localOf(t);
                expression(code, t, depth - 1);
                if (local >= 0) code.add("local.tee " + local);
            }
            case 11 -> load(code, t, depth);
            case 12 -> {
                // block with a conditional early exit carrying a value
                labels.add('v');
                code.add("block (result " + t + ")");
                expression(code, t, depth - 1);
                expression(code, "i32", depth - 1);
                code.add("br_if 0");
                if (random.nextBoolean()) {
                    code.add("drop");
                    expression(code, t, depth - 1);
                } else {
                    statement(code, depth - 1);
                }
                code.add("end");
                labels.removeLast();
            }
            case 13 -> {
                expression(code, "i32", depth - 1);
                labels.add('v');
                code.add("if (result " + t + ")");
                statementMaybe(code, depth - 1);
                expression(code, t, depth - 1);
                code.add("else");
                statementMaybe(code, depth - 1);
                expression(code, t, depth - 1);
                code.add("end");
                labels.removeLast();
            }
            case 14 -> call(code, t, depth);
            case 15 -> {
                // br_table to two blocks
                labels.add('v');
                code.add("block (result " + t + ")");
                labels.add('v');
                code.add("block (result " + t + ")");
                expression(code, t, depth - 1);
                expression(code, "i32", depth - 1);
                if (random.nextBoolean()) {
                    code.add("i32.const " + random.nextInt(5));
                    code.add("i32.rem_u");
                }
                var sb = new StringBuilder("br_table");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) sb.append(' ').append(random.nextInt(2));
                sb.append(' ').append(random.nextInt(2));
                code.add(sb.toString());
                code.add("end");
                labels.removeLast();
                expression(code, t, depth - 1);
                code.add(t + "." + new String[] {"add", "xor", "sub"}[random.nextInt(3)]);
                code.add("end");
                labels.removeLast();
            }
            case 16 -> {
                // a long chain: many values alive at once
                int n = 6 + random.nextInt(12);
                for (int i = 0; i < n; i++) expression(code, t, Math.min(depth - 1, 1));
                for (int i = 1; i < n; i++) code.add(t + "." + new String[] {"add", "xor", "sub", "mul", "or"}[random.nextInt(5)]);
            }
            case 17 -> {
                // a multi-value block
                labels.add('v');
                code.add("block (result " + t + " " + t + ")");
                expression(code, t, depth - 1);
                expression(code, t, depth - 1);
                if (random.nextBoolean()) {
                    expression(code, "i32", depth - 1);
                    code.add("br_if 0");
                }
                code.add("end");
                labels.removeLast();
                code.add(t + ".sub");
            }
            case 18 -> {
                // a branch that carries the top value and drops the one below it
                labels.add('v');
                code.add("block (result " + t + ")");
                expression(code, t, depth - 1);
                expression(code, t, depth - 1);
                expression(code, "i32", depth - 1);
                code.add("br_if 0");
                code.add(t + ".add");
                code.add("end");
                labels.removeLast();
            }
            case 19 -> {
                code.add("memory.size");
                if (t.equals("i64")) code.add("i64.extend_i32_u");
            }
            default -> {
                expression(code, t, depth - 1);
                if (random.nextBoolean()) statement(code, depth - 1);
            }
        }
    }

    private static final String[] FLOAT_BINARY = {"add", "sub", "mul", "div", "min", "max", "copysign"};
    private static final String[] FLOAT_UNARY = {"abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"};
    private static final String[] FLOAT_COMPARE = {"eq", "ne", "lt", "gt", "le", "ge"};

    /** The float forms of the expression kinds that are typed; false leaves the choice to the shared ones. */
    private boolean floatExpression(List<String> code, String t, int depth, int choice) {
        switch (choice) {
            case 2, 3, 4, 15 -> {
                expression(code, t, depth - 1);
                if (random.nextBoolean()) code.add(t + ".const " + constant(t));
                else expression(code, t, depth - 1);
                code.add(t + "." + FLOAT_BINARY[random.nextInt(FLOAT_BINARY.length)]);
            }
            case 5 -> {
                expression(code, t, depth - 1);
                code.add(t + "." + FLOAT_UNARY[random.nextInt(FLOAT_UNARY.length)]);
            }
            case 6, 7 -> {
                String from = T[random.nextInt(2)];
                expression(code, from, depth - 1);
                boolean signed = random.nextBoolean();
                if (!signed && from.equals("i64") && t.equals("f32")) {
                    // Chicory 1.7 rounds a u64 of 2^63 or more to f32 wrongly: keep to values below
                    // 2^63 (a signed conversion there) or to ones f32 holds exactly (24 top bits)
                    code.add(random.nextBoolean() ? "i64.const 0x7fffffffffffffff" : "i64.const 0xffffff0000000000");
                    code.add("i64.and");
                }
                code.add(t + ".convert_" + from + (signed ? "_s" : "_u"));
            }
            case 8 -> {
                if (random.nextBoolean()) {
                    String other = t.equals("f32") ? "f64" : "f32";
                    expression(code, other, depth - 1);
                    code.add(t.equals("f32") ? "f32.demote_f64" : "f64.promote_f32");
                } else {
                    String from = t.equals("f32") ? "i32" : "i64";
                    expression(code, from, depth - 1);
                    code.add(t + ".reinterpret_" + from);
                }
            }
            case 11 -> load(code, t, depth);
            case 16 -> {
                int n = 6 + random.nextInt(12);
                for (int i = 0; i < n; i++) expression(code, t, Math.min(depth - 1, 1));
                for (int i = 1; i < n; i++) code.add(t + "." + new String[] {"add", "sub", "mul", "min", "max"}[random.nextInt(5)]);
            }
            case 19 -> code.add(global(t));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** An integer from a float: saturating or trapping truncation, or the (sanitized) bits. */
    private void floatToInt(List<String> code, String t, int depth) {
        String from = random.nextBoolean() ? "f32" : "f64";
        switch (random.nextInt(3)) {
            case 0 -> {
                expression(code, from, depth - 1);
                code.add(t + ".trunc_sat_" + from + (random.nextBoolean() ? "_s" : "_u"));
            }
            case 1 -> {
                expression(code, from, depth - 1);
                code.add(t + ".trunc_" + from + (random.nextBoolean() ? "_s" : "_u"));
            }
            default -> {
                from = t.equals("i32") ? "f32" : "f64";
                expression(code, from, depth - 1);
                sanitize(code, from);
                code.add(t + ".reinterpret_" + from);
            }
        }
    }

    /**
     * Replaces a NaN on top of the stack by 0, so that its bits (which engines may choose
     * differently) do not become observable: {@code x NaN? 0 : x} with a select.
     */
    private void sanitize(List<String> code, String t) {
        int k = localTypes.size();
        localTypes.add(t);
        counters.add(k);
        code.add("local.tee " + k);
        code.add(t + ".const 0");
        code.add("local.get " + k);
        code.add("local.get " + k);
        code.add(t + ".eq");
        code.add("select");
    }

    private void statementMaybe(List<String> code, int depth) {
        if (random.nextInt(3) == 0) statement(code, depth);
    }

    private void address(List<String> code, int depth) {
        address(code, depth, false);
    }

    private void address(List<String> code, int depth, boolean alwaysMasked) {
        expression(code, "i32", depth - 1);
        if (alwaysMasked || random.nextInt(8) != 0) {
            code.add("i32.const " + (random.nextBoolean() ? 0xFFF0 : 0x3FF));
            code.add("i32.and");
        }
    }

    /** A memarg offset; the largest (2^32 - 1) only for loads (see the note on stores in {@link #statement}). */
    private String offset(boolean load) {
        return switch (random.nextInt(8)) {
            case 0 -> " offset=" + random.nextInt(70000);
            case 1 -> load ? " offset=4294967295" : " offset=" + (65536 + random.nextInt(100));
            case 2, 3 -> " offset=" + random.nextInt(16);
            default -> "";
        };
    }

    private void load(List<String> code, String t, int depth) {
        address(code, depth);
        if (isFloat(t)) {
            code.add(t + ".load" + offset(true));
            return;
        }
        String[] ops = t.equals("i32")
                ? new String[] {"i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"}
                : new String[] {"i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s",
                    "i64.load32_u"};
        code.add(ops[random.nextInt(ops.length)] + offset(true));
    }

    private void call(List<String> code, String t, int depth) {
        var candidates = functions.stream().filter(f -> !f.results().isEmpty() && f.results().getLast().equals(t)
                && f.cost()[0] < 20_000).toList();
        if (candidates.isEmpty() || loopDepth > 0 || callSites >= 4) {
            leaf(code, t);
            return;
        }
        var f = candidates.get(random.nextInt(candidates.size()));
        callSites++;
        current.cost()[0] += f.cost()[0];
        for (var p : f.params()) expression(code, p, Math.min(depth - 1, 2));
        code.add("call $" + f.name());
        // keep the last result; fold the others into it or drop them
        for (int i = f.results().size() - 2; i >= 0; i--) {
            var below = f.results().get(i);
            if (below.equals(t) && random.nextBoolean()) {
                code.add(t + (isFloat(t) ? ".add" : ".xor"));
            } else {
                int tmp = localOf(t);
                if (tmp >= 0) {
                    code.add("local.set " + tmp);
                    code.add("drop");
                    code.add("local.get " + tmp);
                } else {
                    // no local of this type: drop every result and use a constant instead
                    for (int j = i + 1; j >= 0; j--) code.add("drop");
                    code.add(t + ".const " + constant(t));
                    return;
                }
            }
        }
    }

    private void statement(List<String> code, int depth) {
        budget--;
        if (budget <= 0 || depth <= 0) {
            code.add("nop");
            return;
        }
        switch (random.nextInt(10)) {
            case 0, 1 -> {
                String t = type();
                int local = localOf(t);
                expression(code, t, depth);
                code.add(local >= 0 ? "local.set " + local : "drop");
            }
            case 2 -> {
                String t = type();
                expression(code, t, depth);
                code.add("global.set $g" + java.util.Arrays.asList(T).indexOf(t));
            }
            case 3 -> {
                String t = type();
                if (isFloat(t)) {
                    address(code, depth);
                    expression(code, t, depth - 1);
                    sanitize(code, t);
                    code.add(t + ".store" + offset(false));
                    return;
                }
                String[] ops = t.equals("i32") ? new String[] {"i32.store", "i32.store8", "i32.store16"}
                        : new String[] {"i64.store", "i64.store8", "i64.store16", "i64.store32"};
                String op = ops[random.nextInt(ops.length)];
                // Chicory 1.x's i32.store8, i64.store8 and i64.store32 wrap address + offset in 32
                // bits instead of trapping: keep their addresses small so the reference stays right
                boolean wraps = op.endsWith("store8") || op.equals("i64.store32");
                address(code, depth, wraps);
                expression(code, t, depth - 1);
                code.add(op + (wraps ? " offset=" + random.nextInt(16) : offset(false)));
            }
            case 4 -> {
                // a counted loop
                int counter = localTypes.size();
                localTypes.add("i32");
                counters.add(counter);
                code.add("i32.const " + (1 + random.nextInt(5)));
                code.add("local.set " + counter);
                labels.add('l');
                code.add("loop");
                loopDepth++;
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) statement(code, loopDepth > 2 ? 0 : depth - 1);
                loopDepth--;
                code.add("local.get " + counter);
                code.add("i32.const 1");
                code.add("i32.sub");
                code.add("local.tee " + counter);
                code.add("br_if 0");
                code.add("end");
                labels.removeLast();
            }
            case 5 -> {
                expression(code, "i32", depth - 1);
                labels.add('b');
                code.add("if");
                statement(code, depth - 1);
                code.add("else");
                statement(code, depth - 1);
                code.add("end");
                labels.removeLast();
            }
            case 6 -> {
                labels.add('b');
                code.add("block");
                statement(code, depth - 1);
                expression(code, "i32", depth - 1);
                code.add("br_if " + blockTarget());
                statement(code, depth - 1);
                code.add("end");
                labels.removeLast();
            }
            case 7 -> {
                code.add("i32.const " + random.nextInt(2));
                code.add("memory.grow");
                code.add("drop");
            }
            case 8 -> {
                String t = type();
                expression(code, t, depth);
                code.add("drop");
            }
            default -> {
                labels.add('b');
                code.add("block");
                labels.add('b');
                code.add("block");
                expression(code, "i32", depth - 1);
                code.add("br_table 0 1 " + blockTarget() + " 0");
                code.add("end");
                labels.removeLast();
                statement(code, depth - 1);
                code.add("end");
                labels.removeLast();
            }
        }
    }

    /** A branch depth that targets a block (never a loop header), counted from the innermost label. */
    private int blockTarget() {
        var ok = new ArrayList<Integer>();
        for (int d = 0; d < labels.size(); d++) if (labels.get(labels.size() - 1 - d) == 'b') ok.add(d);
        return ok.get(random.nextInt(ok.size()));
    }
}
