package org.mptcpverify.collect;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Unmodifiable copies whose iteration order is the same in every JVM.
 *
 * <p>{@code Map.copyOf}, {@code Set.copyOf}, {@code Map.of} and {@code Set.of} iterate in an order
 * salted per JVM start, and hash sets keyed by enums follow identity hash codes. A search that picks
 * its next move from such a collection, or an output that lists one, then differs between two runs
 * with the same seed (CI caught a counterexample that did). Value objects copy their collections
 * through here instead.
 */
public final class Ordered {
    private Ordered() {
    }

    /** A copy in the argument's own iteration order (deterministic when the argument's is). */
    public static <K, V> Map<K, V> copy(Map<? extends K, ? extends V> m) {
        Map<K, V> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return Collections.unmodifiableMap(out);
    }

    /** A copy in the argument's own iteration order (deterministic when the argument's is). */
    public static <E> Set<E> copy(Collection<? extends E> c) {
        Set<E> out = new LinkedHashSet<>();
        c.forEach(e -> out.add(Objects.requireNonNull(e)));
        return Collections.unmodifiableSet(out);
    }

    /** A copy ordered by its keys, whatever order the argument iterates in. */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> sorted(Map<? extends K, ? extends V> m) {
        SortedMap<K, V> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return Collections.unmodifiableSortedMap(out);
    }

    /** A copy ordered by its elements, whatever order the argument iterates in. */
    public static <E extends Comparable<? super E>> SortedSet<E> sorted(Collection<? extends E> c) {
        SortedSet<E> out = new TreeSet<>();
        c.forEach(e -> out.add(Objects.requireNonNull(e)));
        return Collections.unmodifiableSortedSet(out);
    }
}
