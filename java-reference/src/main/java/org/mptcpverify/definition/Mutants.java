package org.mptcpverify.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mptcpverify.definition.SchemeDefinition.Message;

/**
 * The mutants of a scheme definition (issue #12, item 2): each check a side makes before accepting
 * (a {@code check} statement) removed in turn, and each single-use value (a {@code lookup ... once}:
 * a ticket marked used) made reusable. A mutant is a definition of its own, named
 * {@code <scheme>~<mutation>}, that runs on the reference like any defined scheme.
 *
 * <p>Mutation names: {@code unchecked.<message>[.<mode>].<field>} (a second check of the same field
 * in the same message gets {@code .2}, ...), {@code reusable.<message>[.<mode>]}.
 */
public final class Mutants {
    private Mutants() {}

    /** What a mutant changes. */
    public enum Kind {
        /** A check statement removed: the receiver accepts the field whatever it holds. */
        UNCHECKED("unchecked"),
        /** A lookup's {@code once} dropped: a matched ticket stays usable. */
        REUSABLE("reusable");

        public final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /**
     * One mutant.
     *
     * @param mutation  the part after {@code ~}
     * @param kind      what it changes
     * @param message   the message whose statement changed
     * @param mode      that message's mode (null: every mode without its own variant)
     * @param line      the changed statement's line in the original file
     * @param statement the changed statement, as the original reads it
     */
    public record Mutant(SchemeDefinition definition, String mutation, Kind kind, String message, String mode,
                         int line, String statement) {
        public String name() {
            return definition.name();
        }
    }

    /** Every mutant of {@code def}, in the order of the file. */
    public static List<Mutant> of(SchemeDefinition def) {
        List<Mutant> out = new ArrayList<>();
        for (int mi = 0; mi < def.messages().size(); mi++) {
            Message m = def.messages().get(mi);
            String where = word(m.name()) + (m.mode() == null ? "" : "." + word(m.mode()));
            Map<String, Integer> seen = new HashMap<>();
            for (int si = 0; si < m.body().size(); si++) {
                Stmt s = m.body().get(si);
                if (s instanceof Stmt.Check ch) {
                    int n = seen.merge(ch.field(), 1, Integer::sum);
                    String mutation = Kind.UNCHECKED.word + "." + where + "." + word(ch.field()) + (n > 1 ? "." + n : "");
                    List<Stmt> body = new ArrayList<>(m.body());
                    body.remove(si);
                    out.add(new Mutant(replace(def, mi, body, mutation), mutation, Kind.UNCHECKED, m.name(), m.mode(),
                            ch.line(), "check " + ch.field() + " else " + ch.outcome().keyword));
                } else if (s instanceof Stmt.Lookup l && l.once()) {
                    String mutation = Kind.REUSABLE.word + "." + where;
                    List<Stmt> body = new ArrayList<>(m.body());
                    body.set(si, new Stmt.Lookup(l.kind(), l.expect(), l.window(), false, l.attachLeft(), l.attachRight(), l.line()));
                    out.add(new Mutant(replace(def, mi, body, mutation), mutation, Kind.REUSABLE, m.name(), m.mode(),
                            l.line(), "lookup ... window " + l.window() + " once"));
                }
            }
        }
        return out;
    }

    /** {@code <scheme>~<mutation>}. */
    public static String name(String scheme, String mutation) {
        return scheme + "~" + mutation;
    }

    private static SchemeDefinition replace(SchemeDefinition d, int messageIndex, List<Stmt> body, String mutation) {
        List<Message> messages = new ArrayList<>(d.messages());
        Message m = messages.get(messageIndex);
        messages.set(messageIndex, new Message(m.name(), m.mode(), m.phase(), m.from(), m.flags(), List.copyOf(body), m.line()));
        return new SchemeDefinition(name(d.name(), mutation), d.file(), d.version(), d.hash(), d.keySource(), d.keyWidth(),
                d.fresh(), d.slots(), d.hostSlots(), d.halfOpenUnlimited(), d.modes(), d.lets(), List.copyOf(messages), d.keyValues());
    }

    /** A name part usable in a scheme name (and so in a folder name): lower case, [a-z0-9-]. */
    private static String word(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }
}
