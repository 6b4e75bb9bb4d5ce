package flint.wasm.text;

import flint.wasm.binary.SectionId;
import flint.wasm.model.CustomSection;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code (@custom "name" (before|after section)? "contents"*)} annotations, which the
 * annotations proposal turns into custom sections; every other annotation is ignored. Errors
 * use the reference interpreter's "@custom annotation: ..." wording.
 */
final class CustomAnnotations {
    private static final String PREFIX = "@custom annotation: ";

    /** Sections in binary order, each with its id. */
    private static final String[] ORDER = {
        "type", "import", "func", "table", "memory", "tag", "global", "export", "start", "elem", "datacount", "code", "data"
    };
    private static final int[] IDS = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};

    private final String file;

    CustomAnnotations(String file) {
        this.file = file;
    }

    /** The sections of the module's {@code @custom} annotations, which must not be inside any field. */
    List<CustomSection> sections(List<Lexer.Annotation> annotations, List<FieldBinder.Field> fields) {
        var sections = new ArrayList<CustomSection>();
        for (var a : annotations) {
            var section = section(a);
            for (var f : fields) {
                if (a.tokenIndex() > f.position() && a.tokenIndex() <= f.end()) {
                    throw new TextParseException("misplaced @custom annotation", "inside a " + f.kind() + " field",
                            file, a.start().line(), a.start().column());
                }
            }
            sections.add(section);
        }
        return sections;
    }

    /**
     * Puts the sections in binary order (stable, so same-place sections keep their text order)
     * and moves those placed after an absent start or data count section to the section before,
     * which is where a decoder of the encoded module finds them.
     */
    static List<CustomSection> arrange(List<CustomSection> sections, boolean hasStart, boolean hasDataCount) {
        var arranged = new ArrayList<CustomSection>();
        for (var c : sections) {
            int placement = c.placement();
            if (placement == SectionId.DATA_COUNT.id() && !hasDataCount) placement = SectionId.ELEMENT.id();
            if (placement == SectionId.START.id() && !hasStart) placement = SectionId.EXPORT.id();
            arranged.add(placement == c.placement() ? c : new CustomSection(c.name(), c.data(), placement));
        }
        arranged.sort(java.util.Comparator.comparingInt(c -> SectionId.placementRank(c.placement())));
        return arranged;
    }

    private CustomSection section(Lexer.Annotation a) {
        var items = a.tokens();
        int i = 0;
        if (items.isEmpty() || items.getFirst().kind() != Token.Kind.STRING) {
            throw error(items.isEmpty() ? a.start() : items.getFirst(), "missing section name");
        }
        String name = Utf8.decode(items.getFirst().bytes());
        if (name == null) throw error(items.getFirst(), "malformed UTF-8 encoding");
        i++;
        int placement = 11; // after the last section (data)
        if (i < items.size() && items.get(i).kind() == Token.Kind.LPAREN) {
            var open = items.get(i++);
            var direction = i < items.size() ? items.get(i).text() : "";
            if (!direction.equals("before") && !direction.equals("after")) throw error(open, "malformed placement");
            i++;
            var sectionName = i < items.size() ? items.get(i).text() : "";
            String section = switch (sectionName) {
                case "first" -> "type";
                case "last" -> "data";
                default -> sectionName;
            };
            int k = List.of(ORDER).indexOf(section);
            if (k < 0) throw error(open, "malformed section kind");
            i++;
            if (i >= items.size() || items.get(i).kind() != Token.Kind.RPAREN) {
                throw error(i < items.size() ? items.get(i) : open, "unexpected token");
            }
            i++;
            placement = direction.equals("after") ? IDS[k] : k == 0 ? 0 : IDS[k - 1];
        }
        var contents = new ByteArrayOutputStream();
        while (i < items.size() && items.get(i).kind() == Token.Kind.STRING) contents.writeBytes(items.get(i++).bytes());
        if (i < items.size()) throw error(items.get(i), "unexpected token");
        return new CustomSection(name, contents.toByteArray(), placement);
    }

    private TextParseException error(Token at, String what) {
        return new TextParseException(PREFIX + what, "", file, at.line(), at.column());
    }
}
