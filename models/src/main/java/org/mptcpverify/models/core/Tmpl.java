package org.mptcpverify.models.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A template of the generic core's data form (models/tla/core/Terms.tla): a term of the algebra
 * that may contain the variables an end fills in when it evaluates the template (its slots, the
 * received fields, the values drawn for the segment, its external key, the join index, the
 * segment's addresses). One record per constructor of Terms.tla, so a {@link SchemeData} can be
 * rendered to TLA+ (or to another model) without interpretation.
 */
public sealed interface Tmpl {
    record Atom(String name) implements Tmpl {}

    record Lbl(String text) implements Tmpl {}

    /** A public integer of {@code bits} bits (the definition's width: ADD_ADDR's id 8, port 16; the join index 32). */
    record Int(long value, int bits) implements Tmpl {}

    /** XOR's unit (also the value of an absent sin-zero key). */
    record Zero() implements Tmpl {}

    record Hash(Tmpl arg) implements Tmpl {}

    record Token(Tmpl arg) implements Tmpl {}

    record Idsn(Tmpl arg) implements Tmpl {}

    record Hmac(Tmpl key, Tmpl msg) implements Tmpl {}

    /** Concatenation: at least two parts, none a Cat (see {@link #cat}). */
    record Cat(List<Tmpl> parts) implements Tmpl {
        public Cat {
            parts = List.copyOf(parts);
        }
    }

    /** XOR: at least two parts, none a Xor or Zero (see {@link #xor}). */
    record Xor(List<Tmpl> parts) implements Tmpl {
        public Xor {
            parts = List.copyOf(parts);
        }
    }

    record TruncL(int bits, Tmpl arg) implements Tmpl {}

    record TruncR(int bits, Tmpl arg) implements Tmpl {}

    /** The X25519 public value of a private value (Terms.tla Pub). */
    record Pub(Tmpl priv) implements Tmpl {}

    /** The X25519 secret of a private value and a public value (Terms.tla Dh, normalised when evaluated). */
    record Dh(Tmpl priv, Tmpl peer) implements Tmpl {}

    /** The evaluating end's slot. */
    record Slot(String name) implements Tmpl {}

    /** A field of the segment being received. */
    record Fld(String name) implements Tmpl {}

    /** A value the sender draws fresh for this segment. */
    record Fresh(String name) implements Tmpl {}

    /** The evaluating end's external key. */
    record Ext() implements Tmpl {}

    /** The join index. */
    record Idx() implements Tmpl {}

    /** The received segment's "src" or "dst" address. */
    record Seg(String which) implements Tmpl {}

    static Tmpl cat(List<Tmpl> parts) {
        List<Tmpl> flat = new ArrayList<>();
        for (Tmpl p : parts) {
            if (p instanceof Cat c) {
                flat.addAll(c.parts());
            } else {
                flat.add(p);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Cat(flat);
    }

    /** Flattened, zeros dropped; the TLA+ constructor cancels pairs when it is evaluated. */
    static Tmpl xor(List<Tmpl> parts) {
        List<Tmpl> flat = new ArrayList<>();
        for (Tmpl p : parts) {
            if (p instanceof Xor x) {
                flat.addAll(x.parts());
            } else if (!(p instanceof Zero)) {
                flat.add(p);
            }
        }
        return flat.isEmpty() ? new Zero() : flat.size() == 1 ? flat.get(0) : new Xor(flat);
    }
}
