package org.mptcpverify.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The survivor triage on rows built by hand: which cells judge a mutated statement comes from the
 * properties' segment kinds, and each code follows from the original's and the mutant's verdicts
 * there, not from the scheme's name.
 */
class SurvivorTriageTest {
    private static final List<AttackId> ATTACKS = List.of(AttackId.EAVESDROP_HANDSHAKE, AttackId.JOIN_DOS,
            AttackId.FASTCLOSE_FORGE, AttackId.LEGIT_JOIN);

    private static SchemeDefinition rfc8684() throws Exception {
        return DefinitionParser.parse(Path.of("..", "models", "schemes", "rfc8684.scheme"));
    }

    private static Mutants.Mutant mutant(String mutation) throws Exception {
        return Mutants.of(rfc8684()).stream().filter(m -> m.mutation().equals(mutation)).findFirst().orElseThrow();
    }

    private static CellResult r(Verdict v, PropertyId... violated) {
        return new CellResult(v, List.of(violated), 0.0, Map.of(), null, null);
    }

    /** A row of the four attacks, each cell's traces verdict as given. */
    private static List<CellOutcome> row(SchemeId id, CellResult... cells) {
        List<CellOutcome> out = new ArrayList<>();
        for (int i = 0; i < ATTACKS.size(); i++) {
            out.add(new CellOutcome(id, ATTACKS.get(i), Map.of("traces", cells[i])));
        }
        return out;
    }

    private static SurvivorTriage.Triage triage(String mutation, List<CellOutcome> baseline, CellResult... mutantCells) throws Exception {
        Mutants.Mutant m = mutant(mutation);
        SchemeId id = org.mptcpverify.definition.DefinedScheme.idOf(m.definition());
        MutationAnalysis.MutantResult mr = new MutationAnalysis.MutantResult(m, id, row(id, mutantCells), List.of(), List.of());
        return SurvivorTriage.of(mr, baseline);
    }

    private static final SchemeId RFC8684 = SchemeId.RFC8684;
    private static final CellResult HOLDS = r(Verdict.HOLDS);
    private static final CellResult NA = r(Verdict.NOT_APPLICABLE);

    @Test
    void aHandshakeCheckIsJudgedByNoneOfTheseColumns() throws Exception {
        List<CellOutcome> base = row(RFC8684, HOLDS, HOLDS, HOLDS, HOLDS);
        SurvivorTriage.Triage t = triage("unchecked.ack.receiver-key", base, HOLDS, HOLDS, HOLDS, HOLDS);
        assertEquals(SurvivorTriage.Code.UNJUDGED, t.code());
        assertTrue(t.judges().isEmpty());
    }

    @Test
    void theThirdAckCheckIsJudgedByTheJoinColumnsOnly() throws Exception {
        // join-ack: JoinAuthenticity (eavesdrop-handshake) and LegitJoinSucceeds (legit-join) depend on it;
        // JoinStateUnforgeable (join-dos) depends on the SYN only, CloseAuthenticity on fast closes
        List<CellOutcome> base = row(RFC8684, r(Verdict.VIOLATED, PropertyId.JOIN_AUTHENTICITY), HOLDS, HOLDS, HOLDS);
        SurvivorTriage.Triage t = triage("unchecked.join-ack.hmac", base, NA, HOLDS, HOLDS, HOLDS);
        assertEquals(List.of("eavesdrop-handshake", "legit-join"), t.judges().stream().map(SurvivorTriage.Judge::attack).toList());
        assertEquals(SurvivorTriage.Code.HOLDS_ON_MUTANT, t.code());
        assertEquals(List.of("legit-join"), t.open().stream().map(SurvivorTriage.Judge::attack).toList());
        assertTrue(t.summary().contains("legit-join (LegitJoinSucceeds)"), t.summary());
    }

    @Test
    void everyJudgingCellViolatedOnTheOriginalIsAlreadyViolated() throws Exception {
        List<CellOutcome> base = row(RFC8684, HOLDS, HOLDS, r(Verdict.VIOLATED, PropertyId.CLOSE_AUTHENTICITY), HOLDS);
        SurvivorTriage.Triage t = triage("unchecked.fast-close-a.key", base, HOLDS, HOLDS, NA, HOLDS);
        assertEquals(SurvivorTriage.Code.ALREADY_VIOLATED, t.code());
        // the same mutant where the original holds the fast-close column: no longer a foregone conclusion
        List<CellOutcome> holding = row(RFC8684, HOLDS, HOLDS, HOLDS, HOLDS);
        assertEquals(SurvivorTriage.Code.HOLDS_ON_MUTANT, triage("unchecked.fast-close-a.key", holding, HOLDS, HOLDS, HOLDS, HOLDS).code());
    }

    @Test
    void anUndecidedJudgingCellIsNotCountedAsHolding() throws Exception {
        List<CellOutcome> base = row(RFC8684, HOLDS, HOLDS, HOLDS, HOLDS);
        assertEquals(SurvivorTriage.Code.UNDECIDED,
                triage("unchecked.join-ack.hmac", base, r(Verdict.INCONCLUSIVE), HOLDS, HOLDS, HOLDS).code());
        // a run that stopped at another property's violation did not decide the judging one
        assertEquals(SurvivorTriage.Code.UNDECIDED,
                triage("unchecked.join-ack.hmac", base, HOLDS, HOLDS, HOLDS, r(Verdict.VIOLATED, PropertyId.CLEAN_FALLBACK)).code());
    }

    @Test
    void aNewViolationThatDidNotConfirmIsSaidSo() throws Exception {
        List<CellOutcome> base = row(RFC8684, HOLDS, HOLDS, HOLDS, HOLDS);
        SurvivorTriage.Triage t = triage("unchecked.join-ack.hmac", base,
                r(Verdict.VIOLATED, PropertyId.JOIN_AUTHENTICITY), HOLDS, HOLDS, HOLDS);
        assertEquals(SurvivorTriage.Code.UNCONFIRMED, t.code());
        assertTrue(t.summary().contains("eavesdrop-handshake"), t.summary());
    }

    @Test
    void aKilledMutantHasNoTriage() throws Exception {
        Mutants.Mutant m = mutant("unchecked.join-ack.hmac");
        List<CellOutcome> base = row(RFC8684, HOLDS, HOLDS, HOLDS, HOLDS);
        MutationAnalysis.MutantResult killed = new MutationAnalysis.MutantResult(m, RFC8684, base,
                List.of(new MutationAnalysis.Kill(AttackId.EAVESDROP_HANDSHAKE, "traces", List.of(PropertyId.JOIN_AUTHENTICITY), null)),
                List.of());
        assertThrows(IllegalArgumentException.class, () -> SurvivorTriage.of(killed, base));
    }
}
