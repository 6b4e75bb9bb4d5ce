package flint.harness.diff;

import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.spec.ResultMatcher;
import flint.wasm.text.Expected.NanKind;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the oracle compares between calls: the default memory (its bytes are kept to find the first
 * differing range, then dropped with the snapshot), its size, every exported global and every
 * exported table (size and per-element nullness: function references are engine handles).
 */
public record EngineState(Optional<Memory> memory, Map<String, Value> globals, Map<String, Table> tables) {

    public record Memory(long pages, byte[] bytes) {
        /** A 64-bit FNV-1a hash of the contents, for reports. */
        public long hash() {
            long h = 0xcbf29ce484222325L;
            for (byte b : bytes) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h;
        }
    }

    /** A table's size and, per element, whether it is null. */
    public record Table(long size, List<Boolean> nulls) {}

    /**
     * The state as one canonical line, the same text the JavaScript runner ({@code wasm-runner.js})
     * prints for V8, so that a finding can carry each engine's state and an outside engine can be
     * judged against it later without rerunning either engine:
     * {@code pages=1 memory=fnv:<16 hex digits> globals=g0:i32:5,g1:f32:0x7fc00000 tables=t0:3:101}
     * ({@code memory=none} without a memory). Globals and tables come in export order, names escaped
     * ({@link #escapeName}); values as in finding.json ({@link JsonValue}), any reference as
     * {@code ref:null} or {@code ref:ref}; a table as its size and, per element up to 4096, 0 for
     * null and 1 otherwise.
     */
    public String digest() {
        return digest(-1);
    }

    /** The bytes around a memory divergence that {@link #digest(long)} shows beside the hash. */
    static final int WINDOW = 16;

    /** Where the window of a memory divergence at {@code offset} starts. */
    static long windowStart(long offset) {
        return Math.max(0, offset - WINDOW / 2);
    }

    /**
     * {@link #digest()}, and with {@code windowStart >= 0} also the {@link #WINDOW} bytes from there
     * ({@code window=start:hex}) and the hash of memory with them zeroed ({@code outside=fnv:...}):
     * so that a memory divergence that is only NaN payloads (a stored float) can be judged by the
     * spec's NaN rules rather than by bytes.
     */
    public String digest(long windowStart) {
        var sb = new StringBuilder();
        memory.ifPresentOrElse(m -> {
            sb.append("pages=").append(m.pages()).append(" memory=fnv:").append(String.format("%016x", m.hash()));
            if (windowStart >= 0 && windowStart < m.bytes().length) {
                int from = (int) windowStart, to = Math.min(m.bytes().length, from + WINDOW);
                var outside = m.bytes().clone();
                java.util.Arrays.fill(outside, from, to, (byte) 0);
                sb.append(" window=").append(from).append(':').append(java.util.HexFormat.of().formatHex(m.bytes(), from, to))
                        .append(" outside=fnv:").append(String.format("%016x", new Memory(m.pages(), outside).hash()));
            }
        }, () -> sb.append("memory=none"));
        sb.append(" globals=");
        boolean first = true;
        for (var e : globals.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(escapeName(e.getKey())).append(':').append(valueText(e.getValue()));
        }
        sb.append(" tables=");
        first = true;
        for (var e : tables.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(escapeName(e.getKey())).append(':').append(e.getValue().size()).append(':');
            e.getValue().nulls().forEach(n -> sb.append(n ? '0' : '1'));
        }
        return sb.toString();
    }

    private static String valueText(Value v) {
        return switch (v) {
            case Value.FuncRef f -> "ref:" + (f.isNull() ? "null" : "ref");
            case Value.ExternRef x -> "ref:" + (x.isNull() ? "null" : "ref");
            case Value.ExnRef x -> "ref:" + (x.isNull() ? "null" : "ref");
            default -> {
                var json = JsonValue.of(v);
                yield json.type() + ":" + json.value();
            }
        };
    }

    /** An export name for a digest: UTF-8 bytes outside {@code [A-Za-z0-9_.-]} as {@code %XX}. */
    static String escapeName(String name) {
        var sb = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /**
     * Whether two digests ({@link #digest()}, or the JavaScript runner's) describe the same state, as
     * far as both could see: a {@code ?} (something JavaScript cannot read) agrees with anything, and
     * two arithmetic NaNs of one float type agree whatever their payloads (the spec leaves them
     * open), while a signalling NaN agrees only with its own bits. Unreadable text (null, an error)
     * agrees with nothing.
     */
    public static boolean digestsAgree(String a, String b) {
        var x = parseDigest(a);
        var y = parseDigest(b);
        if (x == null || y == null) return false;
        if (!x.keySet().equals(y.keySet())) {
            // "memory=?" beside a memory: pages unknown on one side only
            if (!"?".equals(x.get("memory")) && !"?".equals(y.get("memory"))) return false;
        }
        boolean windows = x.containsKey("window") && y.containsKey("window")
                && x.get("window").startsWith(y.get("window").substring(0, y.get("window").indexOf(':') + 1));
        if (windows) {
            // the memory outside the window must be the same, the window the same up to NaN payloads
            if (!x.get("outside").equals(y.get("outside")) || !windowsAgree(x.get("window"), y.get("window"))) return false;
        } else if (!same(x.get("memory"), y.get("memory"))) {
            return false;
        }
        if (x.containsKey("pages") && y.containsKey("pages") && !x.get("pages").equals(y.get("pages"))) return false;
        return entriesAgree(x.get("globals"), y.get("globals"), EngineState::globalsAgree)
                && entriesAgree(x.get("tables"), y.get("tables"), EngineState::tablesAgree);
    }

    /**
     * Two windows ({@code start:hex}) agree if every differing byte lies in a float (4 or 8 bytes,
     * any alignment) that is an arithmetic NaN in both: the spec lets engines store any.
     */
    static boolean windowsAgree(String x, String y) {
        var a = windowBytes(x);
        var b = windowBytes(y);
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !inArithmeticNaNs(a, b, i)) return false;
        }
        return true;
    }

    /**
     * Whether byte {@code i} lies in a float that is an arithmetic NaN in both. An f64 reading
     * goes first: the upper half of an f64 NaN also reads as an f32 NaN, signalling or not, so the
     * f32 reading counts only where no f64 NaN covers the byte.
     */
    private static boolean inArithmeticNaNs(byte[] a, byte[] b, int i) {
        for (int size : new int[] {8, 4}) {
            boolean nanHere = false;
            for (int s = Math.max(0, i - size + 1); s <= i && s + size <= a.length; s++) {
                var x = floatAt(a, s, size);
                var y = floatAt(b, s, size);
                if (!isNaN(x) || !isNaN(y)) continue;
                nanHere = true;
                if (Values.compare(x, y, false) == Values.Match.NAN_PAYLOAD) return true;
            }
            if (nanHere) return false;
        }
        return false;
    }

    /**
     * Whether the reference's memory window ({@code reference} digest) holds a signalling NaN where
     * the other engine's holds the same NaN quieted: an operation left a signalling NaN unquieted.
     */
    static boolean windowShowsUnquietedNaN(String reference, String other) {
        var x = parseDigest(reference);
        var y = parseDigest(other);
        if (x == null || y == null || !x.containsKey("window") || !y.containsKey("window")) return false;
        var a = windowBytes(x.get("window"));
        var b = windowBytes(y.get("window"));
        if (a.length != b.length) return false;
        for (int size : new int[] {4, 8}) {
            for (int s = 0; s + size <= a.length; s++) {
                var mine = floatAt(a, s, size);
                if (isNaN(mine) && !arithmetic(mine) && floatAt(b, s, size).equals(Values.quieted(mine))) return true;
            }
        }
        return false;
    }

    /** The bytes of a {@code start:hex} window. */
    private static byte[] windowBytes(String window) {
        return java.util.HexFormat.of().parseHex(window.substring(window.indexOf(':') + 1));
    }

    /** The f32 ({@code size} 4) or f64 (8) stored little-endian at {@code at}. */
    private static Value floatAt(byte[] bytes, int at, int size) {
        long bits = 0;
        for (int i = size - 1; i >= 0; i--) bits = bits << 8 | (bytes[at + i] & 0xff);
        return size == 4 ? new Value.F32((int) bits) : new Value.F64(bits);
    }

    private static boolean isNaN(Value v) {
        return switch (v) {
            case Value.F32(int bits) -> Float.isNaN(Float.intBitsToFloat(bits));
            case Value.F64(long bits) -> Double.isNaN(Double.longBitsToDouble(bits));
            default -> false;
        };
    }

    private static boolean arithmetic(Value v) {
        return switch (v) {
            case Value.F32(int bits) -> ResultMatcher.nan32(bits, NanKind.ARITHMETIC);
            case Value.F64(long bits) -> ResultMatcher.nan64(bits, NanKind.ARITHMETIC);
            default -> false;
        };
    }


    private static java.util.Map<String, String> parseDigest(String text) {
        if (text == null) return null;
        var fields = new java.util.HashMap<String, String>();
        for (var token : text.trim().split(" ")) {
            int eq = token.indexOf('=');
            if (eq <= 0) return null;
            fields.put(token.substring(0, eq), token.substring(eq + 1));
        }
        return fields.containsKey("memory") && fields.containsKey("globals") && fields.containsKey("tables") ? fields : null;
    }

    private static boolean same(String a, String b) {
        return a.equals("?") || b.equals("?") || a.equals(b);
    }

    /** name:rest entries, compared per name with {@code agree} over the rests. */
    private static boolean entriesAgree(String a, String b, java.util.function.BiPredicate<String, String> agree) {
        var x = entries(a);
        var y = entries(b);
        if (!x.keySet().equals(y.keySet())) return false;
        for (var e : x.entrySet()) if (!agree.test(e.getValue(), y.get(e.getKey()))) return false;
        return true;
    }

    private static java.util.Map<String, String> entries(String list) {
        var map = new java.util.HashMap<String, String>();
        if (list.isEmpty()) return map;
        for (var entry : list.split(",")) {
            int colon = entry.indexOf(':');
            map.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
        }
        return map;
    }

    /** {@code type:value}. */
    private static boolean globalsAgree(String a, String b) {
        int i = a.indexOf(':'), j = b.indexOf(':');
        if (i < 0 || j < 0) return false;
        var type = a.substring(0, i);
        if (!type.equals(b.substring(0, j))) return false;
        var x = a.substring(i + 1);
        var y = b.substring(j + 1);
        if (same(x, y)) return true;
        try {
            // exact bits (the runner reads float globals through a reinterpreting module): two
            // arithmetic NaNs agree, as the spec lets an engine pick either; a signalling one must match
            return switch (type) {
                case "f32" -> Values.compare(new Value.F32(Integer.parseUnsignedInt(x.substring(2), 16)),
                        new Value.F32(Integer.parseUnsignedInt(y.substring(2), 16)), false) != Values.Match.DIFFERENT;
                case "f64" -> Values.compare(new Value.F64(Long.parseUnsignedLong(x.substring(2), 16)),
                        new Value.F64(Long.parseUnsignedLong(y.substring(2), 16)), false) != Values.Match.DIFFERENT;
                default -> false;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code size:nulls}. */
    private static boolean tablesAgree(String a, String b) {
        int i = a.indexOf(':'), j = b.indexOf(':');
        if (i < 0 || j < 0) return a.equals(b);
        return a.substring(0, i).equals(b.substring(0, j)) && same(a.substring(i + 1), b.substring(j + 1));
    }

    static EngineState of(Instance instance) {
        var memory = instance.defaultMemory().map(m -> new Memory(m.pages(), m.readAll()));
        var globals = new LinkedHashMap<String, Value>();
        var tables = new LinkedHashMap<String, Table>();
        for (var export : instance.exports()) {
            switch (export.type()) {
                case ExternType.Global g -> globals.put(export.name(), instance.global(export.name()));
                case ExternType.Table t -> {
                    var view = instance.table(export.name());
                    var nulls = new ArrayList<Boolean>();
                    // a huge table is compared by size only: element-wise it would dominate the run
                    long size = view.size();
                    for (long i = 0; i < Math.min(size, 4096); i++) nulls.add(Values.isNullRef(view.get(i)));
                    tables.put(export.name(), new Table(size, nulls));
                }
                default -> {}
            }
        }
        return new EngineState(memory, globals, tables);
    }
}
