package flint.harness.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The known failures of one target on the testsuite: a ratchet. A command covered here may fail or
 * be skipped; a command not covered must pass; a covered command that passes is an unexpected pass
 * that must be recorded by rewriting the baseline.
 *
 * <p>Format: tab-separated {@code file, commands, line, kinds, outcome, reason}, where
 * {@code commands} is a command index or an inclusive range {@code first-last} of indices (runs of
 * neighbouring commands that fail for the same reason share one line, which keeps the file
 * reviewable), {@code line} is the source line of the first, and {@code kinds} the command kinds.
 * Lines starting with {@code #} are comments.
 */
public final class Baseline {
    private static final String HEADER = """
            # Known failures of one engine on the spec testsuite: the ratchet of `mvn verify`.
            # Columns: file, command index or range first-last, source line of the first, command kinds,
            # outcome (fail|skip), reason. Commands not listed must pass; listed ones that pass must be
            # recorded: after an intended improvement rewrite with
            #   ./flint spec --engine ENGINE --update-baseline     (or see spec-tests/README.md)
            """;

    /** One line: the commands {@code first..last} of {@code file}. */
    public record Entry(String file, int first, int last, int line, String kinds, Outcome outcome, String reason) {
        boolean covers(String f, int index) { return file.equals(f) && first <= index && index <= last; }

        String commands() { return first == last ? Integer.toString(first) : first + "-" + last; }
    }

    private final List<Entry> entries;
    private final Map<String, List<Entry>> byFile;

    private Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.byFile = entries.stream().collect(Collectors.groupingBy(Entry::file));
    }

    public static Baseline empty() { return new Baseline(List.of()); }

    public static Baseline read(Path path) {
        if (!Files.exists(path)) return empty();
        var entries = new ArrayList<Entry>();
        try {
            int lineNo = 0;
            for (var line : Files.readAllLines(path)) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) continue;
                var cells = line.split("\t", 6);
                if (cells.length != 6) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": expected 6 tab-separated columns");
                }
                var range = cells[1].split("-", 2);
                int first = Integer.parseInt(range[0]);
                int last = range.length == 2 ? Integer.parseInt(range[1]) : first;
                entries.add(new Entry(cells[0], first, last, Integer.parseInt(cells[2]), cells[3],
                        Outcome.valueOf(cells[4].toUpperCase(Locale.ROOT)), cells[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + path, e);
        }
        return new Baseline(entries);
    }

    public List<Entry> entries() { return entries; }

    /** The entry covering a command, or null. */
    public Entry entry(String file, int index) {
        for (var e : byFile.getOrDefault(file, List.of())) if (e.covers(file, index)) return e;
        return null;
    }

    /** What a result means against this baseline. */
    public enum Verdict { OK, KNOWN_FAILURE, REGRESSION, UNEXPECTED_PASS }

    public Verdict judge(CommandResult r) {
        var known = entry(r.file(), r.index());
        if (r.outcome() == Outcome.PASS) return known == null ? Verdict.OK : Verdict.UNEXPECTED_PASS;
        return known == null ? Verdict.REGRESSION : Verdict.KNOWN_FAILURE;
    }

    /**
     * The baseline that records exactly the non-passing results among {@code results}, leaving the
     * entries of files that were not run untouched. Reasons come from {@link FailureReasons}, except
     * that a reason written for exactly the same commands before is kept.
     */
    public Baseline updatedWith(Collection<CommandResult> results) {
        Set<String> runFiles = results.stream().map(CommandResult::file).collect(Collectors.toSet());
        var updated = new ArrayList<Entry>();
        for (var e : entries) if (!runFiles.contains(e.file())) updated.add(e);
        var perFile = new HashMap<String, List<CommandResult>>();
        for (var r : results) perFile.computeIfAbsent(r.file(), k -> new ArrayList<>()).add(r);
        for (var fileResults : perFile.values()) {
            fileResults.sort(Comparator.comparingInt(CommandResult::index));
            Entry open = null;
            for (var r : fileResults) {
                if (r.outcome() == Outcome.PASS) {
                    if (open != null) updated.add(open);
                    open = null;
                    continue;
                }
                var reason = FailureReasons.of(r.detail());
                if (open != null && open.outcome() == r.outcome() && open.reason().equals(reason)) {
                    var kinds = open.kinds().contains(r.kind()) ? open.kinds() : open.kinds() + "," + r.kind();
                    open = new Entry(open.file(), open.first(), r.index(), open.line(), kinds, open.outcome(), reason);
                } else {
                    if (open != null) updated.add(open);
                    open = new Entry(r.file(), r.index(), r.index(), r.line(), r.kind(), r.outcome(), reason);
                }
            }
            if (open != null) updated.add(open);
        }
        updated.replaceAll(this::keepWrittenReason);
        updated.sort(Comparator.comparing(Entry::file).thenComparingInt(Entry::first));
        return new Baseline(updated);
    }

    /** A reason written by hand for exactly the same commands survives a rewrite. */
    private Entry keepWrittenReason(Entry fresh) {
        var old = entry(fresh.file(), fresh.first());
        if (old != null && old.first() == fresh.first() && old.last() == fresh.last() && old.outcome() == fresh.outcome()) {
            return new Entry(fresh.file(), fresh.first(), fresh.last(), fresh.line(), fresh.kinds(), fresh.outcome(), old.reason());
        }
        return fresh;
    }

    public void write(Path path) {
        var sb = new StringBuilder(HEADER);
        for (var e : entries) {
            sb.append(e.file()).append('\t').append(e.commands()).append('\t').append(e.line()).append('\t')
                    .append(e.kinds()).append('\t').append(e.outcome().text()).append('\t').append(e.reason())
                    .append('\n');
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, sb);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write baseline " + path, ex);
        }
    }
}
