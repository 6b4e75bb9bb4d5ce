package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flint.harness.diff.FaultyEngine.Fault;
import flint.harness.engine.Imports;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.text.WatParser;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state after each step as V8 sees it (the runner's digest) against {@link EngineState#digest()},
 * and third opinions on the state kinds of divergence that rest on it.
 */
class V8StateTest {

    /** Memory, globals of every number type (one a NaN with a payload), a reference global, a table. */
    static final byte[] MODULE = WatParser.toBinary("""
            (module
              (memory (export "mem") 1 3)
              (global $a (export "a") (mut i32) (i32.const -7))
              (global $b (export "b") (mut i64) (i64.const -9000000000))
              (global $c (export "c") (mut f32) (f32.const nan:0x12345))
              (global $d (export "d") (mut f64) (f64.const -0.5))
              (global (export "r") funcref (ref.null func))
              (global (export "odd name,=") i32 (i32.const 3))
              (table (export "t") 3 funcref)
              (elem (i32.const 1) $store)
              (data (i32.const 5) "state")
              (func $store (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "bump") (param i64) (result i64)
                (global.set $a (i32.add (global.get $a) (i32.const 1)))
                (global.set $b (i64.add (global.get $b) (local.get 0)))
                (global.set $d (f64.mul (global.get $d) (f64.const 3)))
                (global.get $b))
              (func (export "grow") (result i32) (memory.grow (i32.const 1)))
            )""", "v8-state.wat");

    private static final List<Call> CALLS = List.of(
            new Call("store", List.of(new Value.I32(1000), new Value.I32(0x01020304))),
            new Call("bump", List.of(new Value.I64(1))),
            new Call("grow", List.of()),
            new Call("store", List.of(new Value.I32(70000), new Value.I32(-1))));

    private static void assumeNode() {
        assumeTrue(NodeRunner.find().available(), "node is not installed");
    }

    /** Chicory's digest after instantiating and after each call. */
    private static List<String> chicoryDigests(byte[] module, List<Call> calls) {
        var instance = new ChicoryEngine().instantiate(module, Imports.NONE);
        var digests = new ArrayList<String>();
        digests.add(EngineState.of(instance).digest());
        for (var call : calls) {
            instance.call(call.export(), call.args());
            digests.add(EngineState.of(instance).digest());
        }
        return digests;
    }

    @Test
    void theRunnersDigestIsEngineStatesDigest() {
        assumeNode();
        var expected = chicoryDigests(MODULE, CALLS);
        assertTrue(expected.getFirst().startsWith("pages=1 memory=fnv:"), expected.getFirst());
        assertTrue(expected.getFirst().contains("globals=a:i32:-7,b:i64:-9000000000,c:f32:0x7f812345,d:f64:0xbfe0000000000000,"
                + "r:ref:null,odd%20name%2C%3D:i32:3 tables=t:3:010"), expected.getFirst());
        for (var flavour : NodeRunner.Flavour.values()) {
            var result = NodeRunner.find().run(flavour, MODULE, ThirdOpinions.findingCalls(MODULE, CALLS));
            var ran = assertInstanceOf(result);
            // the signalling NaN in c keeps its bits: the runner reads float globals through a module
            assertEquals(expected, ran.states(), flavour.engineName());
            for (int i = 0; i < expected.size(); i++) assertTrue(EngineState.digestsAgree(expected.get(i), ran.states().get(i)));
        }
    }

    /** JavaScript sees only exported memories: the runner exports memory 0 itself. */
    @Test
    void anUnexportedMemoryIsStillHashed() {
        assumeNode();
        var module = WatParser.toBinary("""
                (module
                  (memory 2)
                  (data (i32.const 65540) "deep")
                  (global (export "g") (mut i32) (i32.const 1))
                  (func (export "poke") (i32.store8 (i32.const 3) (i32.const 9))))""", "hidden-memory.wat");
        var calls = List.of(new Call("poke", List.of()));
        var expected = chicoryDigests(module, calls);
        var ran = assertInstanceOf(NodeRunner.find().run(NodeRunner.Flavour.LIFTOFF, module, ThirdOpinions.findingCalls(module, calls)));
        assertEquals(expected, ran.states());
        assertEquals("returned ()", ran.outcome(1).toString());
    }

    @Test
    void aModuleWithoutMemorySaysSo() {
        assumeNode();
        var module = WatParser.toBinary("(module (func (export \"f\")))", "no-memory.wat");
        var ran = assertInstanceOf(NodeRunner.find().run(NodeRunner.Flavour.LIFTOFF, module, List.of()));
        assertEquals(List.of("memory=none globals= tables="), ran.states());
        assertEquals(chicoryDigests(module, List.of()), ran.states());
    }

    @Test
    void memoryWindowsAgreeUpToArithmeticNaNPayloadsOfStoredFloats() {
        // an f32 at byte 6 of the window: signalling in the first, quiet in the others
        var signalling = "0:000000000000518bbfff000000000000";
        var quiet = "0:000000000000518bffff000000000000";
        var canonical = "0:0000000000000000c07f000000000000";
        assertTrue(EngineState.windowsAgree(quiet, canonical));
        assertFalse(EngineState.windowsAgree(signalling, canonical));
        assertFalse(EngineState.windowsAgree(signalling, quiet));
        assertFalse(EngineState.windowsAgree(quiet, "0:0100000000000000c07f000000000000"), "a byte outside the NaN differs");
        // an f64 signalling NaN whose upper half reads as an f32 arithmetic NaN is still signalling
        assertFalse(EngineState.windowsAgree("0:0000000000000000f47f000000000000", "0:0000000000000000f8ff000000000000"));
        assertTrue(EngineState.windowsAgree("0:0000000000000000fc7f000000000000", "0:0000000000000000f8ff000000000000"));
        assertTrue(EngineState.windowShowsUnquietedNaN(digest(signalling), digest(quiet)));
        assertFalse(EngineState.windowShowsUnquietedNaN(digest(quiet), digest(signalling)));
        assertFalse(EngineState.windowShowsUnquietedNaN(digest(signalling), digest(canonical)));
    }

    private static String digest(String window) {
        return "pages=1 memory=fnv:0 window=" + window + " outside=fnv:0 globals= tables=";
    }

    @Test
    void digestsAgreeUpToNaNPayloadsAndWhatJavaScriptCannotRead() {
        var a = "pages=1 memory=fnv:00000000000000aa globals=x:f32:0x7fc00000,y:f64:0x7ff8000000000001,z:i32:1 tables=t:2:01";
        assertTrue(EngineState.digestsAgree(a, a));
        // arithmetic NaNs agree whatever their payloads; a signalling NaN only with its own bits
        assertTrue(EngineState.digestsAgree(a, a.replace("0x7fc00000", "0x7fc00001").replace("0x7ff8000000000001", "0xfff8000000000000")));
        assertFalse(EngineState.digestsAgree(a, a.replace("0x7fc00000", "0x7fa00001")));
        assertTrue(EngineState.digestsAgree(a, "memory=? globals=x:f32:0x7fc00000,y:f64:?,z:i32:1 tables=t:2:?"));
        assertFalse(EngineState.digestsAgree(a, a.replace("fnv:00000000000000aa", "fnv:00000000000000ab")));
        assertFalse(EngineState.digestsAgree(a, a.replace("pages=1", "pages=2")));
        assertFalse(EngineState.digestsAgree(a, a.replace("x:f32:0x7fc00000", "x:f32:0x3f800000")));
        assertFalse(EngineState.digestsAgree(a, a.replace("z:i32:1", "z:i64:1")));
        assertFalse(EngineState.digestsAgree(a, a.replace(",z:i32:1", "")));
        assertFalse(EngineState.digestsAgree(a, a.replace("t:2:01", "t:2:11")));
        assertFalse(EngineState.digestsAgree(a, a.replace("pages=1 memory=fnv:00000000000000aa", "memory=none")));
        assertFalse(EngineState.digestsAgree(a, null));
        assertFalse(EngineState.digestsAgree(a, "error: TypeError"));
    }

    private static Finding finding(Fault fault, String target) {
        var oracle = new DifferentialOracle(DifferentialOracle.Config.defaults().withCallsPerExport(2), List.of(
                new DifferentialOracle.EngineFactory(ChicoryEngine.NAME, ChicoryEngine::new),
                new DifferentialOracle.EngineFactory("faulty", () -> new FaultyEngine(fault, target))));
        var divergence = oracle.run(DifferentialOracleTest.MODULE, 5).divergences().getFirst();
        return ReportWriter.finding(DifferentialOracleTest.MODULE, divergence, 5, Map.of("source", "test"));
    }

    @Test
    void aStateDivergenceRecordsBothEnginesStates() {
        var finding = finding(Fault.MEMORY, "");
        assertEquals("memory", finding.kind());
        assertEquals(List.of("chicory", "faulty"), List.copyOf(finding.states().keySet()));
        assertTrue(finding.states().get("chicory").startsWith("pages=1 memory=fnv:"), finding.states().toString());
        assertFalse(finding.states().get("chicory").equals(finding.states().get("faulty")));
        // through finding.json and back
        var back = FindingJson.MAPPER.convertValue(finding, Finding.class);
        assertEquals(finding.states(), back.states());
        assertTrue(finding(Fault.RESULT, "add").states().isEmpty(), "a result divergence has no states");
    }

    @Test
    void aFindingJsonWithoutStatesStillLoads() throws Exception {
        var json = FindingJson.MAPPER.writeValueAsString(finding(Fault.MEMORY, "")).replaceAll("(?s),\\s*\"states\"\\s*:\\s*\\{[^}]*}", "");
        assertFalse(json.contains("\"states\""), json);
        var old = FindingJson.MAPPER.readValue(json, Finding.class);
        assertEquals(Map.of(), old.states());
        assertEquals("undecided", old.suspect());
    }

    @Test
    void v8SidesOnMemoryGlobalAndTableDivergences() {
        assumeNode();
        var opinions = ThirdOpinions.standard();
        for (var fault : List.of(Fault.MEMORY, Fault.MEMORY_SIZE, Fault.GLOBAL, Fault.TABLE)) {
            var finding = finding(fault, "");
            assertTrue(Finding.STATE_KINDS.contains(finding.kind()), finding.kind());
            var judged = finding.withThirdOpinions(opinions.of(DifferentialOracleTest.MODULE, finding));
            var sides = judged.thirdOpinions().stream().collect(java.util.stream.Collectors.toMap(
                    Finding.ThirdOpinion::engine, Finding.ThirdOpinion::sidesWith));
            assertEquals("chicory", sides.get("v8-liftoff"), fault + ": " + judged.thirdOpinions());
            assertEquals("chicory", sides.get("v8-turbofan"), fault + ": " + judged.thirdOpinions());
            assertEquals("chicory", sides.get("chicory-compiler"), fault + ": " + judged.thirdOpinions());
            assertEquals("the engine under test", judged.suspect(), fault.toString());
            assertEquals("chicory", opinions.v8Side(DifferentialOracleTest.MODULE, finding), fault.toString());
        }
    }

    /** After shrinking, the recorded states are another module's: V8 is then not judged by them. */
    @Test
    void statesOfAnotherModuleAreNotUsed() {
        assumeNode();
        var finding = finding(Fault.MEMORY, "");
        var states = new java.util.LinkedHashMap<>(finding.states());
        states.replaceAll((engine, digest) -> digest.replaceAll("fnv:[0-9a-f]{16}", "fnv:0123456789abcdef"));
        var shrunk = finding.withStates(states);
        var opinions = ThirdOpinions.standard().of(DifferentialOracleTest.MODULE, shrunk);
        assertTrue(opinions.stream().allMatch(o -> o.sidesWith().equals("unavailable")), opinions.toString());
        assertEquals("neither", ThirdOpinions.standard().v8Side(DifferentialOracleTest.MODULE, shrunk),
                "v8Side trusts the recorded states: it is meant for the module as found");
    }

    @Test
    void v8SideJudgesResultsAndIsQuick() {
        assumeNode();
        var opinions = ThirdOpinions.standard();
        var value = finding(Fault.RESULT, "add");
        var memory = finding(Fault.MEMORY, "");
        assertEquals("chicory", opinions.v8Side(DifferentialOracleTest.MODULE, value));
        var times = new ArrayList<Long>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertEquals("chicory", opinions.v8Side(DifferentialOracleTest.MODULE, i % 2 == 0 ? value : memory));
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("v8Side wall times (ms): " + times);
        assertEquals("unavailable", new ThirdOpinions(NodeRunner.find()).v8Side(new byte[] {1, 2, 3}, value.withStates(Map.of())),
                "a broken module: V8 stops before the step");
    }

    @Test
    void v8SideNeverThrows() {
        var finding = finding(Fault.MEMORY, "");
        var broken = new Finding(finding.format(), finding.bucket(), finding.signature(), finding.kind(), finding.summary(),
                finding.detail(), 0, Map.of(), List.of("chicory"), List.of(), 1, Map.of(), List.of(), "", Map.of(), null);
        assertEquals("unavailable", ThirdOpinions.standard().v8Side(DifferentialOracleTest.MODULE, broken));
        assertEquals("unavailable", ThirdOpinions.standard().v8Side(null, finding.withStates(null)));
    }

    private static NodeRunner.Result.Ran assertInstanceOf(NodeRunner.Result result) {
        return org.junit.jupiter.api.Assertions.assertInstanceOf(NodeRunner.Result.Ran.class, result, result::toString);
    }
}
