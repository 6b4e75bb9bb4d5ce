package flint.harness.bench;

/**
 * Reads section headers of a binary module without decoding it: enough to know how many bytes of
 * function bodies a compiler has to get through.
 */
final class WasmSections {
    private WasmSections() {}

    private static final int CODE = 10;

    /** The payload size of the code section, or 0 if there is none. */
    static int codeSectionSize(byte[] module) {
        int pos = 8; // magic and version
        while (pos < module.length) {
            int id = module[pos++] & 0xff;
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = module[pos++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (id == CODE) return (int) size;
            pos += (int) size;
        }
        return 0;
    }
}
