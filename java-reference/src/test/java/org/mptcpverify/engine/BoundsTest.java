package org.mptcpverify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;

class BoundsTest {
    @Test
    void parsesKeysInOrderAndPrintsTheSameForm() {
        Bounds b = Bounds.parse("joins=3, injections=0,tlc.nonces=8");
        assertEquals(List.of("joins", "injections", "tlc.nonces"), List.copyOf(b.values().keySet()));
        assertEquals("joins=3,injections=0,tlc.nonces=8", b.toString());
        assertEquals(b, Bounds.parse(b.toString()));
    }

    @Test
    void rejectsMalformedInputWithOneLine() {
        for (String bad : new String[] {"", "joins", "joins=", "joins=-1", "joins=x", "Joins=2", "joins=2,joins=3",
                "joins=1,", "=3", "joins=99999999"}) {
            BoundsException e = assertThrows(BoundsException.class, () -> Bounds.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void anEngineSeesPlainKeysAndItsOwnQualifiedKeysOnly() {
        Bounds b = Bounds.parse("joins=3,tlc.nonces=8,alloy.states=9");
        assertEquals(Map.of("joins", 3, "nonces", 8), b.forEngine("tlc").values());
        assertEquals(Map.of("joins", 3, "states", 9), b.forEngine("alloy").values());
        assertEquals(Map.of("joins", 3), b.forEngine("traces").values());
        assertThrows(BoundsException.class, () -> Bounds.parse("joins=3,tlc.joins=4").forEngine("tlc"));
        assertEquals("tlc", Bounds.qualifier("tlc.nonces"));
        assertEquals(null, Bounds.qualifier("nonces"));
    }

    @Test
    void unknownKeysAndValuesBelowTheMinimumAreRefusedByName() {
        List<BoundKey> keys = List.of(BoundKey.JOINS, BoundKey.INJECTIONS);
        BoundKey.requireKnown("x", keys, Bounds.parse("joins=1,injections=0"));
        BoundsException unknown = assertThrows(BoundsException.class,
                () -> BoundKey.requireKnown("x", keys, Bounds.parse("steps=4")));
        assertTrue(unknown.getMessage().contains("'steps'") && unknown.getMessage().contains("joins, injections"),
                unknown.getMessage());
        BoundsException low = assertThrows(BoundsException.class,
                () -> BoundKey.requireKnown("x", keys, Bounds.parse("joins=0")));
        assertTrue(low.getMessage().startsWith("joins=0"), low.getMessage());
    }

    @Test
    void thePopulationOfTodaysCoreIsHonouredOrRefused() {
        CorePopulation.require(AttackId.JOIN_DOS, Bounds.parse("connections=1,clients=1"));
        CorePopulation.require(AttackId.TWO_KEYS_ONE_HOST, Bounds.parse("clients=2"));
        assertThrows(BoundsException.class, () -> CorePopulation.require(AttackId.JOIN_DOS, Bounds.parse("connections=2")));
        assertThrows(BoundsException.class, () -> CorePopulation.require(AttackId.JOIN_DOS, Bounds.parse("clients=2")));
        assertThrows(BoundsException.class, () -> CorePopulation.require(AttackId.TWO_KEYS_ONE_HOST, Bounds.parse("clients=1")));
    }
}
