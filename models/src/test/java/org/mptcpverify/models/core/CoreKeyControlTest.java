package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.engine.KeyControls;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Negative control per cell on the generic core (issue 12 item 5): for every external-key scheme
 * of the matrix, every column with an attacker and every safety property of it that applies, the
 * attacker given the external key (MptcpCore.tla {@code AttackerHasKey}) must violate the
 * property, and the counterexample must replay on the Java reference. A cell where it does not is
 * a vacuous control: nothing in that cell's profile can exercise the check its verdict rests on.
 *
 * <p>ExternalKeySecrecy included: the core defines it as "the attacker knows no external key",
 * whatever the source, so the key-given attacker violates it in the initial state (a control
 * that shows the property reads the attacker's knowledge; secrecy's control with a derivation is
 * thesis-xor / eavesdrop-all, CoreReplayTest). {@link #everySecrecyCellIsAControl} guards that
 * no property is left out again.
 *
 * <p>TLC stops at the first violation, so each check is small: 49 cells, from 1 to 4,331 distinct
 * states, and since session 11 the 14 JoinAnswerAuthenticity cells ({@link KeyControls#tlaCore}; three of
 * them, syn-join-rewrite of thesis-xor, thesis-xor-global and bound-key, are controls that cannot
 * fail: their join SYN/ACK's HMAC binds handshake values this p2-only profile never reads, K or
 * not; docs/models.md, "Session 11 (tlamirror)"). CI checks {@link KeyControls#ciSelection} (9 cells); {@code -Dmptcp.core.keyControls=all} checks every cell
 * (docs/models.md, "Key controls per cell", has the last full run).
 */
class CoreKeyControlTest {
    static final Path OUT = CoreCellsTest.TARGET.resolve("key-control");
    /** Per check; a control cell runs until its first violation, seconds idle. */
    static final Duration TIMEOUT = Duration.ofSeconds(600);

    static EngineOptions keyGiven(String name) {
        return new EngineOptions(CoreCellsTest.seed(), OUT.resolve(name).resolve("cx"),
                OUT.resolve(name).resolve("work"), TIMEOUT, 0, true);
    }

    /** Every control cell with -Dmptcp.core.keyControls=all, else {@link KeyControls#ciSelection}. */
    static Stream<Arguments> controlCells() {
        List<KeyControls.Cell> run = KeyControls.forBuild(KeyControls.tlaCore(), "mptcp.core.keyControls");
        return run.stream().map(c -> Arguments.of(c.scheme(), c.attack(), c.property()));
    }

    @ParameterizedTest(name = "{0} / {1} / {2} with the attacker given the key")
    @MethodSource("controlCells")
    void attackerGivenTheKeyBreaksTheCell(SchemeId scheme, AttackId attack, PropertyId property) throws Exception {
        String name = scheme.wireName().replace('/', '_') + "-" + attack.wireName() + "-" + property.modelName();
        CellResult r = new CoreEngine(1).checkProperties(scheme, attack, List.of(property), keyGiven(name));
        String where = scheme + " / " + attack + " / " + property + " with the key given";
        assertEquals(Verdict.VIOLATED, r.verdict(), "negative control vacuous: " + where + ": " + r.reason() + " " + r.bounds());
        assertEquals(List.of(property), r.violated(), where);
        assertNotNull(r.counterexample(), where);
        // the engine replayed it before claiming VIOLATED; replay the written file again, independently
        SegmentTrace t = SegmentTraceJson.read(r.counterexample());
        assertTrue(t.attackerHasKey(), where + ": the file must say the attacker was given the key");
        assertEquals(scheme, t.scheme(), where);
        assertEquals(attack, t.attack(), where);
        SegmentReplayer.Result replay = new SegmentReplayer().replay(t);
        assertTrue(replay.reproduced(), where + ": " + replay);
        System.out.printf("core key control %-26s %-20s %-28s %s %5.1fs %s states%n", scheme, attack, property,
                r.verdict(), r.seconds(), r.bounds().get("distinctStates"));
    }

    /**
     * The seven ExternalKeySecrecy cells are controls like the others (this core once defined
     * the property so that the key-given attacker could not violate it), and the CI selection
     * walks that (column, property) pair too.
     */
    @Test
    void everySecrecyCellIsAControl() {
        List<KeyControls.Cell> secrecy = KeyControls.all().stream()
                .filter(c -> c.property() == PropertyId.EXTERNAL_KEY_SECRECY).toList();
        long keyed = SchemeId.matrixSchemes().stream().filter(SchemeId::usesExternalKey).count();
        assertEquals(keyed, secrecy.size(), "eavesdrop-all checks ExternalKeySecrecy on every external-key scheme: " + secrecy);
        List<KeyControls.Cell> run = controlCells().map(a -> new KeyControls.Cell((SchemeId) a.get()[0],
                (AttackId) a.get()[1], (PropertyId) a.get()[2])).toList();
        assertTrue(run.stream().anyMatch(secrecy::contains), "no ExternalKeySecrecy control in this build: " + run);
    }
}
