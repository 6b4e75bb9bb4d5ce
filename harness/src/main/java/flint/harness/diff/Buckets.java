package flint.harness.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bucket names made from signatures. */
public final class Buckets {
    private Buckets() {}

    /**
     * The bucket a campaign files a finding in: its kind, each engine's outcome class and the side
     * V8 took. The export is left out of the key (a generated module names its functions
     * arbitrarily, so keying by name gave one cause a bucket per name); V8's side keeps findings
     * it blames on the engine under test apart from those it blames on the reference, so a new
     * bug of the engine under test never hides among known bugs of the reference.
     */
    public static String forCampaign(Finding finding, String v8Side) {
        var parts = finding.signature().split("\\|", 3);
        var classes = parts.length == 3 ? parts[2] : finding.signature();
        var engines = finding.engines();
        var role = engines.isEmpty() ? v8Side
                : v8Side.equals(engines.getFirst()) ? "reference"
                : engines.size() > 1 && v8Side.equals(engines.get(1)) ? "under-test" : v8Side;
        return bucket(finding.kind(), finding.kind() + "|" + classes + "|v8-sides-with=" + role);
    }

    /** {@code <tag>-<12 hex digits of the signature's SHA-256>}: readable, stable, collision-safe enough. */
    public static String bucket(String tag, String signature) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(signature.getBytes(StandardCharsets.UTF_8));
            return tag + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
