package flint.harness.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bucket names made from signatures. */
public final class Buckets {
    private Buckets() {}

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
