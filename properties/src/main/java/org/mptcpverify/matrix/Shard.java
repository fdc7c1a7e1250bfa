package org.mptcpverify.matrix;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Shard {@code index} of {@code count} of a matrix: the cells whose position in matrix order
 * (scheme, then attack) is {@code index - 1} modulo {@code count}. Round robin spreads the
 * expensive schemes over the shards; every engine of a cell runs in the same shard, so a
 * cell's counterexample folder is written by one machine.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(1, 1);

    /** One (scheme, attack) cell of the matrix. */
    public record Cell(SchemeId scheme, AttackId attack) {}

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": expected 1 <= I <= N");
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        String[] p = text.split("/", -1);
        if (p.length != 2 || !p[0].matches("[0-9]{1,4}") || !p[1].matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException("expected I/N (e.g. 2/8), got '" + text + "'");
        }
        return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    /** This shard's cells of the matrix {@code schemes} x {@code attacks}, in matrix order. */
    public List<Cell> cells(List<SchemeId> schemes, List<AttackId> attacks) {
        List<Cell> out = new ArrayList<>();
        int position = 0;
        for (SchemeId s : schemes) {
            for (AttackId a : attacks) {
                if (position++ % count == index - 1) {
                    out.add(new Cell(s, a));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
