package flint.harness.shrink;

/**
 * Hand-shaped test modules: one function that matters ({@code f}, returning 42 through an
 * {@code i32.div_s}) buried in many that do not, with loops, calls, memory, globals, a table
 * and segments, so that every pass has something to remove.
 */
public final class NoisyModules {
    private NoisyModules() {}

    public static String wat(int noise) {
        var w = new StringBuilder("(module\n  (memory 2 8)\n  (global $g (mut i32) (i32.const 7))\n")
                .append("  (global $h (mut i64) (i64.const 123456789))\n")
                .append("  (table 8 funcref)\n")
                .append("  (data (i32.const 16) \"irrelevant bytes, many of them\")\n");
        for (int i = 0; i < noise; i++) {
            w.append("  (func $n").append(i).append(" (export \"n").append(i).append("\") (param i32) (result i32) (local i32 i64 f64)\n")
                    .append("    (local.set 1 (i32.const ").append(3 + i % 5).append("))\n")
                    .append("    (loop $l\n")
                    .append("      (i32.store (i32.const ").append(4 * i).append(") (i32.add (local.get 0) (local.get 1)))\n")
                    .append("      (local.set 2 (i64.mul (local.get 2) (i64.const 3)))\n")
                    .append("      (local.set 3 (f64.add (local.get 3) (f64.const 1.5)))\n")
                    .append("      (global.set $g (i32.xor (global.get $g) (local.get 1)))\n")
                    .append("      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))\n")
                    .append("    (if (result i32) (i32.lt_s (local.get 0) (i32.const 10))\n")
                    .append("      (then ").append(i == 0 ? "(i32.const 1)" : "(call $n" + (i - 1) + " (i32.add (local.get 0) (i32.const 1)))").append(")\n")
                    .append("      (else (i32.load (i32.const ").append(4 * i).append("))))\n")
                    .append("  )\n");
        }
        w.append("  (func $f (export \"f\") (result i32) (local i32 i64)\n")
                .append("    (local.set 0 (call $n").append(noise / 2).append(" (i32.const 5)))\n")
                .append("    (global.set $h (i64.extend_i32_s (local.get 0)))\n")
                .append("    (block $b (result i32)\n")
                .append("      (drop (i32.load (i32.const 16)))\n")
                .append("      (i32.div_s (i32.add (i32.const 80) (i32.const 4)) (i32.const 2))))\n")
                .append("  (elem (i32.const 0) $n0 $n1 $f)\n")
                .append(")\n");
        return w.toString();
    }
}
