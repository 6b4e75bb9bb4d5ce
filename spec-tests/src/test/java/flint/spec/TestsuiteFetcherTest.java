package flint.spec;

import flint.harness.spec.Testsuite;
import flint.harness.spec.TestsuiteFetcher;
import flint.harness.spec.TestsuiteManifest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fetch path end to end, without the network: a tarball laid out like the hosting service's
 * archive of the pinned commit is made from the local copy, then fetched through a file: URL.
 */
class TestsuiteFetcherTest {
    private static final Path REPO = Path.of(System.getProperty("flint.repo", "..")).toAbsolutePath().normalize();

    @Test
    void theLocalCopyIsThePinnedCommit() throws IOException {
        var suite = Testsuite.locate(REPO);
        for (var entry : TestsuiteManifest.entries().values()) {
            var bytes = Files.readAllBytes(suite.root().resolve(entry.path()));
            assertEquals(entry.blobSha1(), TestsuiteFetcher.gitBlobSha1(bytes), entry.path());
        }
    }

    @Test
    void fetchesUnpacksAndVerifiesAnArchive(@TempDir Path tmp) throws Exception {
        var tarball = archive(tmp, UnaryOperator.identity());
        var target = tmp.resolve("suite");
        var log = new ArrayList<String>();
        var result = TestsuiteFetcher.fetch(tarball.toUri(), target, null, log::add);
        assertEquals(TestsuiteManifest.entries().size(), result.files());
        assertTrue(Files.isRegularFile(target.resolve("i32.wast")));
        assertTrue(Files.isRegularFile(target.resolve("proposals/threads/atomic.wast")));
        assertEquals(result.files(), Testsuite.open(target).files().size() + 1, "every .wast plus LICENSE");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("tarball SHA-256 ")));
    }

    @Test
    void rejectsAnArchiveWithAChangedFile(@TempDir Path tmp) throws Exception {
        var tarball = archive(tmp, path -> path.equals("i32.wast") ? "i64.wast" : path);
        var e = assertThrows(TestsuiteFetcher.VerificationException.class,
                () -> TestsuiteFetcher.fetch(tarball.toUri(), tmp.resolve("suite"), null, l -> { }));
        assertTrue(e.getMessage().contains("i32.wast: blob"), e.getMessage());
    }

    @Test
    void rejectsAWrongTarballDigest(@TempDir Path tmp) throws Exception {
        var tarball = archive(tmp, UnaryOperator.identity());
        assertThrows(TestsuiteFetcher.VerificationException.class,
                () -> TestsuiteFetcher.fetch(tarball.toUri(), tmp.resolve("suite"), "00".repeat(32), l -> { }));
    }

    /** A tar.gz of the local copy; {@code contentOf} maps each path to the file whose bytes it gets. */
    private static Path archive(Path tmp, UnaryOperator<String> contentOf) throws IOException {
        var root = Testsuite.locate(REPO).root();
        var tarball = tmp.resolve("suite.tar.gz");
        try (var out = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tarball)))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            var top = "testsuite-" + TestsuiteManifest.COMMIT + "/";
            var readme = "not part of the suite".getBytes(StandardCharsets.UTF_8);
            put(out, top + "README.md", readme);
            for (var path : TestsuiteManifest.entries().keySet()) {
                put(out, top + path, Files.readAllBytes(root.resolve(contentOf.apply(path))));
            }
        }
        return tarball;
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }
}
