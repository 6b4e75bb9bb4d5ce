package flint.harness.spec;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Fetches the pinned testsuite commit as a tarball, unpacks its {@code .wast} files and LICENSE
 * with commons-compress, and checks every file against the {@link TestsuiteManifest}: the git blob
 * hash of each file must be the one recorded for the pinned commit. (Hosting services regenerate
 * archive tarballs, so their bytes, and a SHA-256 of them, are not stable; the blob hashes of the
 * contents are. The tarball's SHA-256 is printed, and checked when the caller gives one.)
 */
public final class TestsuiteFetcher {
    public static final URI PINNED_TARBALL = URI.create(
            "https://github.com/" + TestsuiteManifest.REPOSITORY + "/archive/" + TestsuiteManifest.COMMIT + ".tar.gz");

    /** What was fetched: the folder, the tarball's SHA-256 and the number of verified files. */
    public record Result(Path folder, String tarballSha256, int files) {}

    public static final class VerificationException extends RuntimeException {
        public VerificationException(String message) { super(message); }
    }

    private TestsuiteFetcher() {}

    /**
     * Downloads (http/https) or reads (file) {@code source}, unpacks it into {@code target} (which
     * must be empty or absent) and verifies it. On a verification failure the unpacked files stay
     * for inspection and the exception lists every problem.
     */
    public static Result fetch(URI source, Path target, String expectedSha256, Consumer<String> log)
            throws IOException, InterruptedException {
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
            throw new IllegalArgumentException(target + " exists and is not an empty folder; choose a new one");
        }
        var tarball = Files.createTempFile("flint-testsuite-", ".tar.gz");
        try {
            log.accept("fetching " + source);
            download(source, tarball);
            var sha256 = sha256(tarball);
            log.accept("tarball SHA-256 " + sha256);
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
                throw new VerificationException("tarball SHA-256 is " + sha256 + ", expected " + expectedSha256);
            }
            Files.createDirectories(target);
            var written = unpack(tarball, target);
            verify(target, written);
            log.accept("verified " + written.size() + " files against the manifest of commit " + TestsuiteManifest.COMMIT);
            return new Result(target, sha256, written.size());
        } finally {
            Files.deleteIfExists(tarball);
        }
    }

    private static void download(URI source, Path to) throws IOException, InterruptedException {
        if ("file".equals(source.getScheme())) {
            Files.copy(Path.of(source), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            var response = client.send(HttpRequest.newBuilder(source).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
            if (response.statusCode() != 200) {
                throw new IOException("GET " + source + " answered HTTP " + response.statusCode());
            }
        }
    }

    /** Unpacks the suite's files, dropping the archive's top folder; returns their suite paths. */
    static List<String> unpack(Path tarball, Path target) throws IOException {
        var written = new ArrayList<String>();
        try (InputStream file = Files.newInputStream(tarball);
             var gzip = new GzipCompressorInputStream(new BufferedInputStream(file));
             var tar = new TarArchiveInputStream(gzip)) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile()) continue;
                var name = entry.getName();
                int slash = name.indexOf('/');
                var path = slash >= 0 ? name.substring(slash + 1) : name;
                if (!(path.endsWith(".wast") || path.equals("LICENSE"))) continue;
                var out = target.resolve(path).normalize();
                if (!out.startsWith(target.normalize())) throw new VerificationException("unsafe path in archive: " + name);
                Files.createDirectories(out.getParent());
                Files.copy(tar, out);
                written.add(path);
            }
        }
        return written;
    }

    static void verify(Path folder, List<String> written) throws IOException {
        var problems = new ArrayList<String>();
        var expected = TestsuiteManifest.entries();
        for (var path : new TreeSet<>(written)) {
            var entry = expected.get(path);
            if (entry == null) {
                problems.add(path + ": not in the pinned testsuite");
                continue;
            }
            var actual = gitBlobSha1(Files.readAllBytes(folder.resolve(path)));
            if (!actual.equals(entry.blobSha1())) problems.add(path + ": blob " + actual + ", expected " + entry.blobSha1());
        }
        for (var path : expected.keySet()) {
            if (!written.contains(path)) problems.add(path + ": missing from the archive");
        }
        if (!problems.isEmpty()) {
            throw new VerificationException("the archive is not the pinned testsuite:\n  " + String.join("\n  ", problems));
        }
    }

    /** Git's object id of a file's contents: SHA-1 over "blob LENGTH\0" and the bytes. */
    public static String gitBlobSha1(byte[] content) {
        var digest = digest("SHA-1");
        digest.update(("blob " + content.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest.digest(content));
    }

    private static String sha256(Path file) throws IOException {
        var digest = digest("SHA-256");
        try (var in = Files.newInputStream(file)) {
            var buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
