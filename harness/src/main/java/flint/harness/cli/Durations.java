package flint.harness.cli;

import java.time.Duration;
import java.util.regex.Pattern;

/** Durations on the command line: a number and a unit (ms, s, m, h, d); a bare number is seconds. */
final class Durations {
    private Durations() {}

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    /** @throws CliError a usage error naming {@code option} when the text is no positive duration */
    static Duration parse(String option, String text) {
        var m = DURATION.matcher(text.trim());
        if (!m.matches()) throw CliError.usage(option + ": not a duration: '" + text + "' (e.g. 500ms, 60s, 5m, 8h, 2d)");
        long n = Long.parseLong(m.group(1));
        var d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) throw CliError.usage(option + " must be positive");
        return d;
    }
}
