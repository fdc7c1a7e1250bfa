package org.mptcpverify.definition;

import org.mptcpverify.definition.term.Term;

/** One line of a message's body (docs/scheme-definitions.md, "Message bodies"). */
public sealed interface Stmt {
    int line();

    /** Sender: draw the fresh value {@code atom} into the slot of the same name. */
    record Draw(String atom, int line) implements Stmt {}

    /** Sender: its own slot (or a host slot) := term over its state. */
    record Set(String slot, Term term, boolean host, int line) implements Stmt {}

    /** Sender: the option field's value. */
    record Field(String name, Term term, int line) implements Stmt {}

    /** Receiver: the received field must equal the term over its state; else {@code outcome}. */
    record Check(String field, Term term, Outcome outcome, int line) implements Stmt {}

    /** Receiver: slot := term over its state and the received fields. */
    record Store(String slot, Term term, int line) implements Stmt {}

    /** Server, join SYN only: which connection the SYN attaches to. */
    record Lookup(Kind kind, Term expect, int window, boolean once, Term attachLeft, Term attachRight, int line)
            implements Stmt {
        public enum Kind {
            /** Per connection, oldest first: the token field equals {@code expect} over its state. */
            PER_CONNECTION,
            /** Host-wide: the field equals {@code expect} over host state; attach where {@code attachLeft == attachRight}. */
            HOST,
            /** The field is not read: attach to the most recently created connection. */
            NEWEST
        }
    }

    /** What a failed check does. */
    enum Outcome {
        RST("rst"), DROP("drop"), TCP("tcp"), IGNORE("ignore");

        public final String keyword;

        Outcome(String keyword) {
            this.keyword = keyword;
        }
    }
}
