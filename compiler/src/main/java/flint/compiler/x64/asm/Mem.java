package flint.compiler.x64.asm;

import java.util.Objects;

/**
 * A memory operand: either {@code [base + index*scale + disp32]} (base and index each optional) or
 * {@code [rip + label + addend]}, a reference to a {@link Label} in the same code buffer (constant
 * pools, jump tables).
 *
 * <p>The operand carries no size: the instruction it is used with decides how many bytes are read or
 * written.
 */
public sealed interface Mem extends GprMem, XmmMem permits Mem.BaseIndex, Mem.RipRelative {

    /** {@code [base]} */
    static Mem of(Gpr base) {
        return new BaseIndex(base, null, Scale.ONE, 0);
    }

    /** {@code [base + disp]} */
    static Mem of(Gpr base, int disp) {
        return new BaseIndex(base, null, Scale.ONE, disp);
    }

    /** {@code [base + index*scale + disp]} */
    static Mem of(Gpr base, Gpr index, Scale scale, int disp) {
        return new BaseIndex(base, index, scale, disp);
    }

    /** {@code [base + index*scale + disp]} with scale given as 1, 2, 4 or 8. */
    static Mem of(Gpr base, Gpr index, int scale, int disp) {
        return new BaseIndex(base, index, Scale.of(scale), disp);
    }

    /** {@code [index*scale + disp32]}, no base register. */
    static Mem indexed(Gpr index, Scale scale, int disp) {
        return new BaseIndex(null, Objects.requireNonNull(index, "index"), scale, disp);
    }

    /** {@code [disp32]}: an absolute address in the low 2 GiB (sign-extended). */
    static Mem absolute(int disp) {
        return new BaseIndex(null, null, Scale.ONE, disp);
    }

    /** {@code [rip + label]} */
    static Mem rip(Label label) {
        return new RipRelative(label, 0);
    }

    /** {@code [rip + label + addend]}, e.g. the upper half of a 16-byte constant. */
    static Mem rip(Label label, int addend) {
        return new RipRelative(label, addend);
    }

    /** The same address moved by {@code delta} bytes. */
    Mem offset(int delta);

    /**
     * {@code [base + index*scale + disp]}. {@code base} and {@code index} may be null (absent). The
     * stack pointer cannot be an index: the SIB encoding of RSP as index means "no index".
     */
    record BaseIndex(Gpr base, Gpr index, Scale scale, int disp) implements Mem {
        public BaseIndex {
            Objects.requireNonNull(scale, "scale");
            if (index == Gpr.RSP) {
                throw new IllegalArgumentException("rsp cannot be an index register");
            }
            if (index == null && scale != Scale.ONE) {
                throw new IllegalArgumentException("scale " + scale.factor() + " without an index register");
            }
        }

        @Override
        public Mem offset(int delta) {
            return new BaseIndex(base, index, scale, Math.addExact(disp, delta));
        }

        @Override
        public String toString() {
            var sb = new StringBuilder("[");
            if (base != null) {
                sb.append(base);
            }
            if (index != null) {
                sb.append(base != null ? "+" : "").append(index).append('*').append(scale.factor());
            }
            if (disp != 0 || (base == null && index == null)) {
                sb.append(disp < 0 ? "-" : (base == null && index == null ? "" : "+"))
                        .append("0x").append(Long.toHexString(Math.abs((long) disp)));
            }
            return sb.append(']').toString();
        }
    }

    /** {@code [rip + label + addend]}: resolved when the label is bound (or at once if it is). */
    record RipRelative(Label label, int addend) implements Mem {
        public RipRelative {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Mem offset(int delta) {
            return new RipRelative(label, Math.addExact(addend, delta));
        }

        @Override
        public String toString() {
            return "[rip+" + label + (addend != 0 ? (addend < 0 ? "" : "+") + addend : "") + "]";
        }
    }
}
