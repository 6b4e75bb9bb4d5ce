package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.SeededBug;
import flint.harness.shrink.ShrinkBudget;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The harness finds each planted miscompilation within a short campaign and shrinks it to a few
 * instructions (issue 6's "seeded bugs"). The figures print with each run.
 */
class SeededBugsTest {

    @ParameterizedTest
    @EnumSource(SeededBug.class)
    void aShortCampaignFindsAndShrinksThePlantedBug(SeededBug bug) {
        // a fixed point takes 2-15 s on 2 shared cores; the budget only bounds a badly loaded machine
        var result = SeededBugHunt.hunt(bug, 1, 400, ShrinkBudget.ofTime(Duration.ofSeconds(60)));
        assertNotNull(result, bug + " was not found in 400 modules");
        System.out.println(result.summary());
        assertTrue(result.shrink().after().functions() <= 2, result.summary());
        // "a few instructions": the shrinker retypes functions and blocks and shrinks the calls, so
        // the planted bugs end up at about ten; the bound leaves room for a slow machine's budget
        assertTrue(result.shrink().after().instructions() <= 20, result.summary());
        // the shrunk finding replays: its calls end with the diverging one, the same signature
        var shrunk = result.shrunk();
        assertEquals(result.divergence().signature(), shrunk.signature());
        assertEquals(shrunk.calls().size(), shrunk.step(), shrunk::toString);
        assertTrue(shrunk.calls().size() <= result.divergence().calls().size(), shrunk::toString);
    }
}
