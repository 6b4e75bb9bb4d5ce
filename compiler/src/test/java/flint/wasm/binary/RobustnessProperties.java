package flint.wasm.binary;

import static org.junit.jupiter.api.Assertions.*;

import flint.wasm.model.FunctionBody;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Decoding arbitrary bytes either succeeds or throws {@link MalformedModuleException}: never an
 * index, size or memory error. What does decode must survive a round trip through the encoder.
 */
class RobustnessProperties {
    private static final byte[] HEADER = Bytes.hex(Bytes.HEADER);
    private static final int[] INTERESTING = {0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, 0x60, 0x70, 0xfc, 0xfd, 0x05, 0x02};

    @Provide
    Arbitrary<byte[]> mutatedModules() {
        return Arbitraries.randomValue(r -> mutate(r, ModuleEncoder.encode(RandomModules.module(r))));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.randomValue(r -> {
            var tail = new byte[r.nextInt(64)];
            r.nextBytes(tail);
            if (r.nextBoolean()) return tail;
            var out = Arrays.copyOf(HEADER, HEADER.length + tail.length);
            System.arraycopy(tail, 0, out, HEADER.length, tail.length);
            return out;
        });
    }

    @Property(tries = 1000)
    void mutatedModulesDecodeOrFailCleanly(@ForAll("mutatedModules") byte[] bytes) {
        checkDecoding(bytes);
    }

    @Property(tries = 1000)
    void noiseDecodesOrFailsCleanly(@ForAll("noise") byte[] bytes) {
        checkDecoding(bytes);
    }

    private static void checkDecoding(byte[] bytes) {
        try {
            var lazy = ModuleDecoder.decodeLazily(bytes);
            // Bodies of a lazily decoded module are checked by their consumer; that must be clean too.
            for (FunctionBody body : lazy.codes()) {
                try {
                    CodeSyntax.checkBody(body);
                } catch (MalformedModuleException expected) {
                    // fine
                }
            }
        } catch (MalformedModuleException expected) {
            // fine
        }
        try {
            var module = ModuleDecoder.decode(bytes);
            assertEquals(module, ModuleDecoder.decode(ModuleEncoder.encode(module)));
        } catch (MalformedModuleException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= bytes.length, expected::getMessage);
        }
    }

    /** One to four mutations: byte changes, insertions, deletions, truncation, duplication. */
    private static byte[] mutate(Random r, byte[] bytes) {
        int rounds = 1 + r.nextInt(4);
        for (int i = 0; i < rounds && bytes.length > 0; i++) {
            int at = HEADER.length > bytes.length ? 0 : r.nextInt(bytes.length);
            switch (r.nextInt(6)) {
                case 0 -> bytes[at] = (byte) r.nextInt(256);
                case 1 -> bytes[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> { // insert
                    var out = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    out[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                    System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                    bytes = out;
                }
                case 3 -> { // delete a range
                    int n = Math.min(1 + r.nextInt(4), bytes.length - at);
                    var out = new byte[bytes.length - n];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(bytes, at + n, out, at, bytes.length - at - n);
                    bytes = out;
                }
                case 4 -> bytes = Arrays.copyOf(bytes, at); // truncate
                default -> { // a large LEB where a small one was
                    var out = new byte[bytes.length + 4];
                    System.arraycopy(bytes, 0, out, 0, at);
                    out[at] = (byte) 0xff;
                    out[at + 1] = (byte) 0xff;
                    out[at + 2] = (byte) 0xff;
                    out[at + 3] = (byte) 0xff;
                    out[at + 4] = (byte) 0x0f;
                    System.arraycopy(bytes, at, out, at + 5, bytes.length - at - 1);
                    bytes = out;
                }
            }
        }
        return bytes;
    }
}
