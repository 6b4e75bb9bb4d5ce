package flint.wasm.binary;

/**
 * The binary format's section ids. {@link #rank()} is a section's place in the required order,
 * which differs from the id for the sections added after the MVP: data count (12) comes before
 * code (10), and tags (13) come between memories (5) and globals (6).
 */
public enum SectionId {
    CUSTOM(0, 0), TYPE(1, 1), IMPORT(2, 2), FUNCTION(3, 3), TABLE(4, 4), MEMORY(5, 5), TAG(13, 6),
    GLOBAL(6, 7), EXPORT(7, 8), START(8, 9), ELEMENT(9, 10), DATA_COUNT(12, 11), CODE(10, 12), DATA(11, 13);

    private static final SectionId[] BY_ID = new SectionId[14];

    static {
        for (var s : values()) BY_ID[s.id] = s;
    }

    private final int id;
    private final int rank;

    SectionId(int id, int rank) {
        this.id = id;
        this.rank = rank;
    }

    /** The id byte. */
    public int id() { return id; }

    /** The position in the required section order; custom sections (rank 0) may appear anywhere. */
    public int rank() { return rank; }

    /** The section with this id byte, or null if there is none. */
    public static SectionId fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * The rank of a custom section's placement (the id of the known section it follows, 0 for
     * "before every known section"); -1 for an id that names no section.
     */
    public static int placementRank(int placement) {
        var s = fromId(placement);
        return s == null ? -1 : s.rank;
    }
}
