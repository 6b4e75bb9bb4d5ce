package flint.harness.spec;

import java.util.regex.Pattern;

/**
 * Turns the detail of one failed command into the reason recorded in a baseline: a stable sentence
 * that neighbouring failures with the same cause share, so they collapse into one baseline line.
 */
final class FailureReasons {
    private FailureReasons() {}

    private static final Pattern UNSUPPORTED = Pattern.compile("not supported by Flint's front end yet: (.+?) not supported yet");
    /** The native compiler's rejections name the feature class in parentheses: "(floating point; function 3, ...)". */
    private static final Pattern NATIVE_UNSUPPORTED = Pattern.compile("not supported by the native (compiler|runtime) yet(?: \\(([^;)]+))?");
    private static final Pattern LOCATION = Pattern.compile(" at [^ ]+:\\d+:\\d+");
    private static final Pattern NUMBER = Pattern.compile("\\b(0x[0-9a-fA-F]+|-?\\d+(\\.\\d+)?)\\b");
    /** Chicory prefixes every decoding error with the same two phrases; they say nothing. */
    private static final String CHICORY_DECODE_PREFIX = "section size mismatch, unexpected end of section or function, ";

    static String of(String detail) {
        if (detail == null || detail.isBlank()) return "(no detail)";
        var d = detail.replace('\t', ' ').replace('\n', ' ').strip();
        var unsupported = UNSUPPORTED.matcher(d);
        if (unsupported.find()) return "Flint's front end does not support " + unsupported.group(1) + " yet";
        var nativeUnsupported = NATIVE_UNSUPPORTED.matcher(d);
        if (nativeUnsupported.find()) {
            // one reason per feature class, so a file's many rejections collapse into few lines
            var what = nativeUnsupported.group(2) != null ? nativeUnsupported.group(2) : d.replaceAll(".*: ([^:]+) (is|are) not supported by the native.*", "$1");
            return "the native " + nativeUnsupported.group(1) + " does not support " + what + " yet";
        }
        if (d.contains("Machine doesn't recognize Instruction")) {
            return "Chicory's interpreter has no SIMD (Chicory's SIMD support is not a published artifact)";
        }
        if (d.matches(".*expected f(32|64):nan:arithmetic, got f(32|64):-?nan:0x[0-7].*")) {
            // Chicory's f32/f64 min, max, ceil, floor and trunc hand a NaN operand back unchanged (Math.min etc.)
            return "returns a signalling NaN operand unchanged (quiet bit clear) where the spec requires an arithmetic NaN";
        }
        d = d.replace("no instance to act on: ", "")
                .replace("nothing to register: ", "")
                .replace("the module failed to instantiate: ", "its module failed: ")
                .replace(CHICORY_DECODE_PREFIX, "");
        d = LOCATION.matcher(d).replaceAll("");
        // Wrong results keep their values (they are the reason); other details lose the numbers that
        // differ between neighbouring commands failing for one cause.
        if (!d.startsWith("result ")) d = NUMBER.matcher(d).replaceAll("N");
        return d.length() > 240 ? d.substring(0, 237) + "..." : d;
    }
}
