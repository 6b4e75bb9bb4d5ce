package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Damaged text never crashes the parsers: modules and scripts from the testsuite, cut, spliced
 * and salted with tokens, either parse or fail with a {@link TextParseException}.
 */
class ParserRobustnessTest {
    private static final String[] SALT = {
        "(", ")", "$x", "0", "-1", "0x", "1e400", "nan:0x0", "i32.const", "v128.const i8x16", "\"", "\"\\ff\"", "(;", ";)",
        ";;", "(@a", "offset=1", "align=3", "end", "else", "(then", "(param $p i32)", "(result)", "(type 0)", "block",
        "(ref null", "func", "(elem", "(data", "i8x16.shuffle 0", "memory.copy", "try_table", "(catch_all 0)", "$\"\"", "é",
    };

    private static List<String> texts;

    @Property(tries = 2000)
    void damagedModulesFailCleanly(@ForAll("damagedText") String text) {
        try {
            WatParser.parse(text, "damaged.wat");
        } catch (TextParseException expected) {
            // fine: malformed text is reported as such
        } catch (RuntimeException e) {
            fail("crashed with " + e + " on:\n" + text, e);
        }
    }

    @Property(tries = 500)
    void damagedScriptsFailCleanly(@ForAll("damagedText") String text) {
        try {
            for (var command : WastParser.parse(text, "damaged.wast").commands()) {
                if (command instanceof Command.Module m) m.module().module();
            }
        } catch (TextParseException expected) {
            // fine
        } catch (RuntimeException e) {
            fail("crashed with " + e + " on:\n" + text, e);
        }
    }

    @Provide
    Arbitrary<String> damagedText() throws Exception {
        synchronized (ParserRobustnessTest.class) {
            if (texts == null) texts = moduleTexts();
        }
        return Arbitraries.randomValue(random -> damage(texts.get(random.nextInt(texts.size())), random));
    }

    private static List<String> moduleTexts() throws Exception {
        var out = new ArrayList<String>();
        for (var file : Testsuite.scripts()) {
            for (var command : WastParser.parse(file).commands()) {
                if (command instanceof Command.Module m && m.module() instanceof ModuleSource.Text t && t.text().length() < 4000) {
                    out.add("(module " + t.text() + ")");
                }
            }
        }
        return out;
    }

    private static String damage(String text, Random r) {
        var sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(12)));
                case 1 -> sb.insert(at, " " + SALT[r.nextInt(SALT.length)] + " ");
                default -> {
                    int from = r.nextInt(sb.length());
                    sb.insert(at, sb.substring(from, Math.min(sb.length(), from + 1 + r.nextInt(20))));
                }
            }
        }
        return sb.toString();
    }
}
