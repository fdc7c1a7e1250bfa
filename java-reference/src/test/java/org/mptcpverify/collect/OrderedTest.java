package org.mptcpverify.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderedTest {
    @Test
    void aCopyKeepsItsSourcesOrderAndSortedCopiesSort() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : List.of("c2", "c10", "c1")) {
            m.put(k, k.length());
        }
        assertEquals(List.of("c2", "c10", "c1"), List.copyOf(Ordered.copy(m).keySet()));
        assertEquals(List.of("c1", "c10", "c2"), List.copyOf(Ordered.sorted(m).keySet()));
        assertEquals(List.of("c1", "c10", "c2"), List.copyOf(Ordered.sorted(new LinkedHashSet<>(m.keySet()))));
        assertEquals(List.of("c2", "c10", "c1"), List.copyOf(Ordered.copy(m.keySet())));
    }

    @Test
    void copiesAreUnmodifiable() {
        Map<String, Integer> c = Ordered.copy(Map.of("a", 1));
        assertThrows(UnsupportedOperationException.class, () -> c.put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> Ordered.sorted(List.of("a")).add("b"));
    }
}
