package org.mptcpverify.definition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.definition.SchemeDefinition.Fresh;
import org.mptcpverify.definition.SchemeDefinition.KeySource;
import org.mptcpverify.definition.SchemeDefinition.Message;
import org.mptcpverify.definition.SchemeDefinition.Mode;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.definition.term.Terms;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.collect.Ordered;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.DecodeResult;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.OptionCodec;

/**
 * Reads a {@code .scheme} file (docs/scheme-definitions.md). Every problem is reported as a
 * {@link DefinitionException} {@code file:line: problem}: unknown keyword, term, slot, mode or
 * field; a field the phase's option does not have; a check on a field no side sends; widths that
 * differ where a field, a check, a store or an XOR needs them equal.
 */
public final class DefinitionParser {
    /** Values the reference supplies to every definition, with their widths (docs: "Parameters"). */
    public static final Map<String, Integer> PARAMETERS = Map.of(
            "Ra", 32, "Rb", 32, "i", 32, "id", 8, "addr", 32, "port", 16, "addrB", 32, "backup", 8);
    /** The name of the external key. */
    public static final String KEY = "K";
    /** Deepest nesting of one written term: real ones stay under 10; the reader recurses per level. */
    static final int MAX_TERM_DEPTH = 64;
    /** Largest declared width (a slot, key, number or truncation): 1 KiB, four times a 256-bit HMAC key's need. */
    static final int MAX_WIDTH = 8192;
    /** Largest definition file read (the committed ones are under 8 KiB). */
    static final long MAX_FILE_BYTES = 1 << 20;
    /** Largest let once expanded, in term nodes (the committed definitions' largest is under 40). */
    static final long MAX_EXPANDED_TERM = 10_000;

    private final String file;
    private int line;
    private String name;
    private int version = -1;
    private HashAlg hash;
    private KeySource keySource;
    private int keyWidth;
    private final Map<String, Fresh> fresh = new LinkedHashMap<>();
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final Map<String, Integer> hostSlots = new LinkedHashMap<>();
    private boolean halfOpenUnlimited;
    private final List<Mode> modes = new ArrayList<>();
    private final Map<String, Map<String, Term>> lets = new LinkedHashMap<>();
    /** Per let, the largest expanded size of its variants ({@link #expandedSize}). */
    private final Map<String, Long> letSizes = new LinkedHashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private long keyValues;
    private int keyValuesLine;

    private DefinitionParser(String file) {
        this.file = file;
    }

    public static SchemeDefinition parse(Path path) throws DefinitionException {
        String text;
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_FILE_BYTES) {
                throw new DefinitionException(path.toString(), 0, "larger than " + MAX_FILE_BYTES
                        + " bytes: not a scheme definition");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DefinitionException(path.toString(), 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new DefinitionException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    public static SchemeDefinition parse(String file, String text) throws DefinitionException {
        return new DefinitionParser(file).run(text);
    }

    private DefinitionException error(String problem) {
        return new DefinitionException(file, line, problem);
    }

    private SchemeDefinition run(String text) throws DefinitionException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark some editors write: not part of the first keyword
        }
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String l = lines[n];
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (Character.isISOControl(c) && c != '\t' && !(c == '\r' && i == l.length() - 1)) {
                    line = n + 1;
                    throw error(String.format("control character U+%04X at column %d: not a text file", (int) c, i + 1));
                }
            }
        }
        List<String[]> body = null;
        String[] header = null;
        int headerLine = 0;
        for (int n = 0; n < lines.length; n++) {
            line = n + 1;
            String raw = stripComment(lines[n]);
            if (raw.isBlank()) {
                continue;
            }
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (indented) {
                if (body == null) {
                    throw error("indented line outside a message");
                }
                body.add(new String[] {raw.trim(), String.valueOf(line)});
                continue;
            }
            if (header != null) {
                finishMessage(header, headerLine, body);
                line = n + 1;
                header = null;
                body = null;
            }
            String l = raw.trim();
            if (l.startsWith("message ")) {
                header = new String[] {l};
                headerLine = line;
                body = new ArrayList<>();
            } else {
                topLevel(l);
            }
        }
        if (header != null) {
            finishMessage(header, headerLine, body);
        }
        line = lines.length;
        if (name == null || version < 0 || hash == null) {
            throw error("missing " + (name == null ? "scheme" : version < 0 ? "version" : "hash") + " line");
        }
        if (modes.isEmpty()) {
            modes.add(new Mode("base", 0, false, false, false, false));
        }
        checkMessages();
        checkLayouts();
        checkKeyValues();
        return new SchemeDefinition(name, file, version, hash, keySource, keyWidth, Ordered.copy(fresh),
                Ordered.copy(slots), Ordered.copy(hostSlots), halfOpenUnlimited, List.copyOf(modes), lets,
                List.copyOf(messages), keyValues);
    }

    /** The line without its comment ({@code #} outside a {@code "label"}) and trailing blanks. */
    public static String stripComment(String s) {
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return s.substring(0, i).stripTrailing();
            }
        }
        return s.stripTrailing();
    }

    // ---- top level -------------------------------------------------------------------------

    private void topLevel(String l) throws DefinitionException {
        String[] w = l.split("\\s+");
        switch (w[0]) {
            case "scheme" -> {
                expectWords(w, 2);
                name = w[1];
            }
            case "version" -> {
                expectWords(w, 2);
                version = integer(w[1]);
                if (version != 0 && version != 1) {
                    throw error("version is 0 or 1, got " + w[1]);
                }
            }
            case "hash" -> {
                expectWords(w, 2);
                hash = switch (w[1]) {
                    case "sha1" -> HashAlg.SHA1;
                    case "sha256" -> HashAlg.SHA256;
                    default -> throw error("hash is sha1 or sha256, got " + w[1]);
                };
            }
            case "external" -> external(w);
            case "values" -> values(w);
            case "state" -> slot(w, slots);
            case "host" -> slot(w, hostSlots);
            case "fresh" -> fresh(w);
            case "half-open" -> {
                if (w.length != 2 || !w[1].equals("unlimited")) {
                    throw error("expected: half-open unlimited");
                }
                halfOpenUnlimited = true;
            }
            case "mode" -> mode(w);
            case "let" -> let(l);
            default -> throw error("unknown keyword " + w[0]);
        }
    }

    private void expectWords(String[] w, int n) throws DefinitionException {
        if (w.length != n) {
            throw error(w[0] + " takes " + (n - 1) + " word(s)");
        }
    }

    private int integer(String s) throws DefinitionException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error("not a number: " + s);
        }
    }

    /**
     * {@code VALUE:WIDTH}: a value the width holds (a larger one used to be truncated silently by
     * the evaluator, and one past 2^63 ended in NumberFormatException, exit 4).
     */
    private Term.Num number(String digits, int width) throws DefinitionException {
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("number " + digits + " is too large (at most " + Long.MAX_VALUE + ")");
        }
        if (width < 64 && v >= 1L << width) {
            throw error("number " + digits + " does not fit in " + width + " bits");
        }
        return new Term.Num(v, width);
    }

    private int width(String s) throws DefinitionException {
        int w = integer(s);
        if (w <= 0 || w % 8 != 0) {
            throw error("a width is a positive multiple of 8 bits, got " + s);
        }
        if (w > MAX_WIDTH) {
            throw error("a width is at most " + MAX_WIDTH + " bits, got " + s);
        }
        return w;
    }

    /** {@code external K : WIDTH SOURCE} */
    private void external(String[] w) throws DefinitionException {
        if (w.length != 5 || !w[1].equals(KEY) || !w[2].equals(":")) {
            throw error("expected: external K : WIDTH SOURCE");
        }
        keyWidth = width(w[3]);
        for (KeySource s : KeySource.values()) {
            if (s.keyword.equals(w[4])) {
                keySource = s;
                return;
            }
        }
        throw error("unknown key source " + w[4]);
    }

    /** {@code values K : COUNT}: the external key is one of COUNT equally likely values (checked at the end). */
    private void values(String[] w) throws DefinitionException {
        if (w.length != 4 || !w[1].equals(KEY) || !w[2].equals(":")) {
            throw error("expected: values K : COUNT");
        }
        try {
            keyValues = Long.parseLong(w[3]);
        } catch (NumberFormatException e) {
            throw error("not a number: " + w[3]);
        }
        if (keyValues < 2) {
            throw error("values K needs at least 2 values, got " + w[3]);
        }
        keyValuesLine = line;
    }

    /**
     * A value set is only honest where the reference draws from it: the sin-zero sources draw the
     * decimal key 1..COUNT, the socket sources draw every bit of the key.
     */
    private void checkKeyValues() throws DefinitionException {
        if (keyValues == 0) {
            return;
        }
        line = keyValuesLine;
        if (keySource == null || !keySource.sinZero()) {
            throw error("values K needs a sin-zero or sin-zero-host key (socket keys are drawn at full width)");
        }
        if (keyValues > SchemeDefinition.MAX_SIN_ZERO_KEY) {
            throw error("values K is at most " + SchemeDefinition.MAX_SIN_ZERO_KEY
                    + " (8 decimal digits fill sin_zero), got " + keyValues);
        }
    }

    /** {@code state NAME : WIDTH} / {@code host NAME : WIDTH} */
    private void slot(String[] w, Map<String, Integer> into) throws DefinitionException {
        if (w.length != 4 || !w[2].equals(":")) {
            throw error("expected: " + w[0] + " NAME : WIDTH");
        }
        checkNewName(w[1]);
        into.put(w[1], width(w[3]));
    }

    private void checkNewName(String n) throws DefinitionException {
        if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error("bad name " + n);
        }
        if (slots.containsKey(n) || hostSlots.containsKey(n) || lets.containsKey(n) || PARAMETERS.containsKey(n)
                || n.equals(KEY)) {
            throw error("name already used: " + n);
        }
    }

    /** {@code fresh NAME : WIDTH by A|B [nonzero] [unused TERM] [distinct SLOT]} (the slot NAME must exist). */
    private void fresh(String[] w) throws DefinitionException {
        if (w.length < 6 || !w[2].equals(":") || !w[4].equals("by")) {
            throw error("expected: fresh NAME : WIDTH by A|B [nonzero] [unused TERM] [distinct SLOT]");
        }
        int width = width(w[3]);
        if (width != 32 && width != 64 && width != 256) {
            throw error("fresh values are 32 or 64 bits (the reference draws ints and longs), or 256 (an X25519 private value), got " + width);
        }
        Role by = role(w[5]);
        boolean nonzero = false;
        String unused = null;
        String distinct = null;
        for (int k = 6; k < w.length; k++) {
            switch (w[k]) {
                case "nonzero" -> nonzero = true;
                case "unused" -> {
                    if (++k >= w.length) {
                        throw error("unused needs a term");
                    }
                    unused = w[k];
                }
                case "distinct" -> {
                    if (++k >= w.length) {
                        throw error("distinct needs a slot");
                    }
                    distinct = w[k];
                }
                default -> throw error("unknown fresh option " + w[k]);
            }
        }
        if (!slots.containsKey(w[1])) {
            throw error("unknown slot " + w[1] + " (declare it with state before fresh)");
        }
        if (slots.get(w[1]) != width) {
            throw error("fresh " + w[1] + " is " + width + " bits, its slot " + slots.get(w[1]));
        }
        if (unused != null && by != Role.B) {
            throw error("unused applies to values the server draws (its token table)");
        }
        Term u = unused == null ? null : term(unused, this::stateName);
        if (u != null && Terms.width(u, hashBits()) != 32) {
            throw error("unused names a 32-bit token, got " + Terms.width(u, hashBits()) + " bits");
        }
        if (distinct != null && !slots.containsKey(distinct)) {
            throw error("unknown slot " + distinct);
        }
        fresh.put(w[1], new Fresh(w[1], width, by, nonzero, u, distinct));
    }

    private Role role(String s) throws DefinitionException {
        return switch (s) {
            case "A" -> Role.A;
            case "B" -> Role.B;
            default -> throw error("a side is A (client) or B (server), got " + s);
        };
    }

    /** {@code mode NAME [flag L] [local] [requires K] [mismatch tcp|base] [until-agreed]} */
    private void mode(String[] w) throws DefinitionException {
        if (w.length < 2) {
            throw error("mode needs a name");
        }
        int flag = 0;
        boolean local = false;
        boolean requires = false;
        boolean mismatchTcp = false;
        boolean untilAgreed = false;
        for (int k = 2; k < w.length; k++) {
            switch (w[k]) {
                case "flag" -> flag = capableFlag(k + 1 < w.length ? w[++k] : "");
                case "local" -> local = true;
                case "requires" -> {
                    if (k + 1 >= w.length || !w[++k].equals(KEY)) {
                        throw error("expected: requires K");
                    }
                    requires = true;
                }
                case "mismatch" -> {
                    String v = k + 1 < w.length ? w[++k] : "";
                    if (!v.equals("tcp") && !v.equals("base")) {
                        throw error("mismatch is tcp or base, got " + v);
                    }
                    mismatchTcp = v.equals("tcp");
                }
                case "until-agreed" -> untilAgreed = true;
                default -> throw error("unknown mode option " + w[k]);
            }
        }
        if (modes.stream().anyMatch(m -> m.name().equals(w[1]))) {
            throw error("mode " + w[1] + " declared twice");
        }
        if (modes.isEmpty() && (flag != 0 || local || requires)) {
            throw error("the first mode is the base mode: no flag, local or requires");
        }
        if (!modes.isEmpty()) {
            if (flag == 0 && !local) {
                throw error("a mode after the base mode is signalled (flag L) or local");
            }
            if (modes.size() > 1 && modes.get(1).local() != local) {
                throw error("modes are either all signalled or all local");
            }
        }
        modes.add(new Mode(w[1], flag, local, requires, mismatchTcp, untilAgreed));
    }

    /** MP_CAPABLE flag letters as RFC 8684 3.1 names the bits (A = 0x80 ... H = 0x01). */
    private int capableFlag(String letter) throws DefinitionException {
        if (letter.length() != 1 || letter.charAt(0) < 'A' || letter.charAt(0) > 'H') {
            throw error("an MP_CAPABLE flag is one of A..H, got " + letter);
        }
        return 0x80 >> (letter.charAt(0) - 'A');
    }

    /** {@code let [MODE] NAME = TERM} */
    private void let(String l) throws DefinitionException {
        String rest = l.substring(3).trim();
        String mode = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw error("missing ]");
            }
            mode = rest.substring(1, close).trim();
            requireMode(mode);
            rest = rest.substring(close + 1).trim();
        }
        int eq = rest.indexOf('=');
        if (eq < 0) {
            throw error("expected: let NAME = TERM");
        }
        String n = rest.substring(0, eq).trim();
        Term t = term(rest.substring(eq + 1).trim(), this::stateName);
        long size = expandedSize(t);
        if (size > MAX_EXPANDED_TERM) {
            // a let is expanded where used: lets that use the previous one twice grow exponentially
            throw error("let " + n + " expands to more than " + MAX_EXPANDED_TERM + " terms");
        }
        letSizes.merge(n, size, Math::max);
        Map<String, Term> variants = lets.get(n);
        if (variants == null) {
            checkNewName(n);
            if (!mode.isEmpty()) {
                throw error("let [" + mode + "] " + n + " before the let for every mode");
            }
            variants = new LinkedHashMap<>();
            lets.put(n, variants);
        } else {
            if (variants.containsKey(mode)) {
                throw error("let " + n + " defined twice for the same mode");
            }
            int base = Terms.width(variants.get(""), hashBits());
            if (Terms.width(t, hashBits()) != base) {
                throw error("let [" + mode + "] " + n + " is " + Terms.width(t, hashBits()) + " bits, the base let " + base);
            }
        }
        variants.put(mode, t);
    }

    /** Nodes of the term once every let in it is expanded (saturating past the bound). */
    private long expandedSize(Term t) {
        if (t instanceof Atom a) {
            return letSizes.getOrDefault(a.name(), 1L);
        }
        List<Term> children = List.of();
        if (t instanceof Term.Cat c) children = c.parts();
        else if (t instanceof Term.Xor x) children = x.parts();
        else if (t instanceof Term.Hash h) children = List.of(h.arg());
        else if (t instanceof Term.Token k) children = List.of(k.arg());
        else if (t instanceof Term.Idsn i) children = List.of(i.arg());
        else if (t instanceof Term.Hmac m) children = List.of(m.key(), m.msg());
        else if (t instanceof Term.TruncL l) children = List.of(l.arg());
        else if (t instanceof Term.TruncR r) children = List.of(r.arg());
        else if (t instanceof Term.Pub p) children = List.of(p.priv());
        else if (t instanceof Term.Dh d) children = List.of(d.priv(), d.peer());
        long n = 1;
        for (Term c : children) {
            n = Math.min(n + expandedSize(c), MAX_EXPANDED_TERM + 1);
        }
        return n;
    }

    private void requireMode(String m) throws DefinitionException {
        if (modes.stream().noneMatch(x -> x.name().equals(m))) {
            throw error("unknown mode " + m);
        }
    }

    private int hashBits() {
        return hash == null ? 256 : hash.outputLength() * 8;
    }

    // ---- names in terms ----------------------------------------------------------------------

    /** Names a side can use: its slots, K, host slots, parameters, lets. */
    private Integer stateName(String n) {
        if (slots.containsKey(n)) return slots.get(n);
        if (hostSlots.containsKey(n)) return hostSlots.get(n);
        if (PARAMETERS.containsKey(n)) return PARAMETERS.get(n);
        if (n.equals(KEY) && keySource != null) return keyWidth;
        if (lets.containsKey(n)) return Terms.width(lets.get(n).get(""), hashBits());
        return null;
    }

    // ---- messages ------------------------------------------------------------------------------

    /** {@code message NAME [MODE] : PHASE A->B OPTION [flags L,L]} and its body. */
    private void finishMessage(String[] header, int headerLine, List<String[]> body) throws DefinitionException {
        line = headerLine;
        String h = header[0].substring("message".length()).trim();
        int colon = h.indexOf(':');
        if (colon < 0) {
            throw error("expected: message NAME [MODE] : PHASE A->B OPTION [flags L,L]");
        }
        String left = h.substring(0, colon).trim();
        String mode = null;
        String msgName = left;
        if (left.contains("[")) {
            msgName = left.substring(0, left.indexOf('[')).trim();
            mode = left.substring(left.indexOf('[') + 1, left.indexOf(']')).trim();
            requireMode(mode);
        }
        String[] w = h.substring(colon + 1).trim().split("\\s+");
        if (w.length != 3 && w.length != 5) {
            throw error("expected: message NAME [MODE] : PHASE A->B OPTION [flags L,L]");
        }
        Phase phase = Phase.byKeyword(w[0]).orElseThrow(() -> error("unknown phase " + w[0]));
        Role from = switch (w[1]) {
            case "A->B" -> Role.A;
            case "B->A" -> Role.B;
            default -> throw error("direction is A->B or B->A, got " + w[1]);
        };
        if (!w[2].equals(phase.option())) {
            throw error(phase.keyword() + " carries " + phase.option() + ", not " + w[2]);
        }
        int flags = 0;
        if (w.length == 5) {
            if (!w[3].equals("flags") || !phase.option().equals("MP_CAPABLE")) {
                throw error("flags are MP_CAPABLE flags: ... MP_CAPABLE flags L,L");
            }
            for (String f : w[4].split(",")) {
                flags |= capableFlag(f.trim());
            }
        }
        String mname = msgName;
        String mmode = mode;
        if (messages.stream().anyMatch(m -> m.name().equals(mname) && java.util.Objects.equals(m.mode(), mmode))) {
            throw error("message " + msgName + (mode == null ? "" : " [" + mode + "]") + " declared twice");
        }
        if (messages.stream().anyMatch(m -> m.phase() == phase && m.from() == from
                && java.util.Objects.equals(m.mode(), mmode) && !m.name().equals(mname))) {
            throw error("two messages for " + phase.keyword() + " " + w[1] + " in the same mode");
        }
        List<Stmt> stmts = new ArrayList<>();
        for (String[] b : body) {
            line = Integer.parseInt(b[1]);
            stmts.add(statement(b[0], phase, from, stmts));
        }
        messages.add(new Message(msgName, mode, phase, from, flags, List.copyOf(stmts), headerLine));
    }

    private Stmt statement(String s, Phase phase, Role from, List<Stmt> before) throws DefinitionException {
        String kw = s.split("\\s+")[0];
        String rest = s.substring(kw.length()).trim();
        switch (kw) {
            case "draw" -> {
                Fresh f = fresh.get(rest);
                if (f == null) {
                    throw error("unknown fresh value " + rest);
                }
                if (f.by() != from) {
                    throw error(rest + " is drawn by " + f.by() + ", this message is sent by " + from);
                }
                return new Stmt.Draw(rest, line);
            }
            case "set" -> {
                String[] lr = assignment(rest, ":=");
                boolean host = hostSlots.containsKey(lr[0]);
                if (!host && !slots.containsKey(lr[0])) {
                    throw error("unknown slot " + lr[0]);
                }
                Term t = term(lr[1], this::stateName);
                sameWidth(host ? hostSlots.get(lr[0]) : slots.get(lr[0]), t, "slot " + lr[0]);
                return new Stmt.Set(lr[0], t, host, line);
            }
            case "field" -> {
                String[] lr = assignment(rest, "=");
                Integer w = phase.fields().get(lr[0]);
                if (w == null) {
                    throw error(phase.option() + " in " + phase.keyword() + " has no field " + lr[0]
                            + " (fields: " + String.join(", ", phase.fields().keySet()) + ")");
                }
                Term t = term(lr[1], this::stateName);
                sameWidth(w, t, "field " + lr[0]);
                return new Stmt.Field(lr[0], t, line);
            }
            case "check" -> {
                int elseAt = rest.lastIndexOf(" else ");
                if (elseAt < 0) {
                    throw error("expected: check FIELD == TERM else rst|drop|tcp|ignore");
                }
                String outcome = rest.substring(elseAt + 6).trim();
                Stmt.Outcome o = null;
                for (Stmt.Outcome x : Stmt.Outcome.values()) {
                    if (x.keyword.equals(outcome)) {
                        o = x;
                    }
                }
                if (o == null) {
                    throw error("unknown outcome " + outcome);
                }
                String lhs = rest.substring(0, elseAt).trim();
                if (!lhs.contains("==")) {
                    // "check F else O": the receiver recomputes F as this message defines it
                    Stmt.Field own = before.stream().filter(Stmt.Field.class::isInstance).map(Stmt.Field.class::cast)
                            .filter(f -> f.name().equals(lhs)).findFirst()
                            .orElseThrow(() -> error("check " + lhs + " without == needs a field " + lhs + " above it"));
                    return new Stmt.Check(lhs, own.term(), o, line);
                }
                String[] lr = assignment(lhs, "==");
                Integer w = phase.fields().get(lr[0]);
                if (w == null) {
                    throw error(phase.option() + " in " + phase.keyword() + " has no field " + lr[0]);
                }
                Term t = term(lr[1], receiverNames(phase));
                sameWidth(w, t, "check of " + lr[0]);
                if (phase.option().equals("MP_CAPABLE") && o != Stmt.Outcome.TCP) {
                    throw error("a failed MP_CAPABLE check means plain TCP: else tcp");
                }
                return new Stmt.Check(lr[0], t, o, line);
            }
            case "store" -> {
                String[] lr = assignment(rest, ":=");
                java.util.regex.Matcher pub = PUB_SLOT.matcher(lr[0]);
                if (pub.matches()) {
                    // the peer's public value: this side knows pub(x) without x
                    if (!Integer.valueOf(256).equals(slots.get(pub.group(1)))) {
                        throw error("store " + lr[0] + " needs a 256-bit slot " + pub.group(1));
                    }
                    Term t = term(lr[1], receiverNames(phase));
                    sameWidth(256, t, "public value " + lr[0]);
                    return new Stmt.Store("pub(" + pub.group(1) + ")", t, line);
                }
                if (!slots.containsKey(lr[0])) {
                    throw error("unknown slot " + lr[0]);
                }
                Term t = term(lr[1], receiverNames(phase));
                sameWidth(slots.get(lr[0]), t, "slot " + lr[0]);
                return new Stmt.Store(lr[0], t, line);
            }
            case "lookup" -> {
                if (phase != Phase.JOIN_SYN) {
                    throw error("lookup belongs to join-syn");
                }
                return lookup(rest);
            }
            default -> throw error("unknown statement " + kw);
        }
    }

    private static final java.util.regex.Pattern PUB_SLOT = java.util.regex.Pattern.compile("pub\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");

    private Function<String, Integer> receiverNames(Phase phase) {
        return n -> {
            Integer w = stateName(n);
            return w != null ? w : phase.fields().get(n);
        };
    }

    /** {@code token == T [window N once]} | {@code host token == T attach T == T} | {@code newest} */
    private Stmt lookup(String rest) throws DefinitionException {
        if (rest.equals("newest")) {
            return new Stmt.Lookup(Stmt.Lookup.Kind.NEWEST, null, 0, false, null, null, line);
        }
        boolean host = rest.startsWith("host ");
        if (host) {
            rest = rest.substring(5).trim();
        }
        if (!rest.startsWith("token ==")) {
            throw error("expected: lookup [host] token == TERM ... | lookup newest");
        }
        rest = rest.substring("token ==".length()).trim();
        if (host) {
            int at = rest.indexOf(" attach ");
            if (at < 0) {
                throw error("a host lookup says which connection: attach TERM == TERM");
            }
            Term expect = term(rest.substring(0, at), this::stateName);
            sameWidth(32, expect, "lookup");
            String[] lr = assignment(rest.substring(at + 8), "==");
            Term l = term(lr[0], this::stateName);
            Term r = term(lr[1], this::stateName);
            sameWidth(Terms.width(l, hashBits()), r, "attach");
            return new Stmt.Lookup(Stmt.Lookup.Kind.HOST, expect, 0, false, l, r, line);
        }
        int window = 0;
        boolean once = false;
        int at = rest.indexOf(" window ");
        if (at >= 0) {
            String[] w = rest.substring(at + 8).trim().split("\\s+");
            window = integer(w[0]);
            once = w.length == 2 && w[1].equals("once");
            if (window <= 0 || (w.length == 2 && !once) || w.length > 2) {
                throw error("expected: window N [once]");
            }
            rest = rest.substring(0, at);
        }
        Term expect = term(rest, this::stateName);
        sameWidth(32, expect, "lookup");
        return new Stmt.Lookup(Stmt.Lookup.Kind.PER_CONNECTION, expect, window, once, null, null, line);
    }

    private String[] assignment(String s, String op) throws DefinitionException {
        int at = s.indexOf(op);
        if (at < 0) {
            throw error("expected " + op + " in: " + s);
        }
        String l = s.substring(0, at).trim();
        String r = s.substring(at + op.length()).trim();
        if (l.isEmpty() || r.isEmpty()) {
            throw error("expected NAME " + op + " TERM");
        }
        return new String[] {l, r};
    }

    private void sameWidth(int expected, Term t, String what) throws DefinitionException {
        int w = Terms.width(t, hashBits());
        if (w != expected) {
            throw error(what + " is " + expected + " bits, the term " + Terms.show(t) + " is " + w + " bits");
        }
    }

    /** After all messages: every checked field is sent by some variant of its message. */
    private void checkMessages() throws DefinitionException {
        for (Message m : messages) {
            for (Stmt s : m.body()) {
                List<String> read = new ArrayList<>();
                if (s instanceof Stmt.Check c) {
                    read.add(c.field());
                    Terms.atoms(c.term()).forEach(a -> read.add(a.name()));
                } else if (s instanceof Stmt.Store st) {
                    Terms.atoms(st.term()).forEach(a -> read.add(a.name()));
                }
                for (String f : read) {
                    if (stateName(f) != null || !m.phase().fields().containsKey(f)) {
                        continue;
                    }
                    boolean sent = messages.stream().anyMatch(o -> o.phase() == m.phase() && o.from() == m.from()
                            && o.field(f).isPresent());
                    if (!sent) {
                        line = s.line();
                        throw error((s instanceof Stmt.Check ? "check" : "store") + " on field " + f
                                + " that no side sends in " + m.phase().keyword());
                    }
                }
            }
        }
        checkComplete();
        if (keySource == null && modes.stream().anyMatch(Mode::requiresKey)) {
            line = 1;
            throw error("a mode requires K but no external line declares it");
        }
    }

    /** The segments the reference always exchanges: every definition gives them, in every mode. */
    private static final List<Object[]> REQUIRED = List.of(
            new Object[] {Phase.HANDSHAKE_SYN, Role.A}, new Object[] {Phase.HANDSHAKE_SYN_ACK, Role.B},
            new Object[] {Phase.HANDSHAKE_ACK, Role.A}, new Object[] {Phase.JOIN_SYN, Role.A},
            new Object[] {Phase.JOIN_SYN_ACK, Role.B}, new Object[] {Phase.JOIN_ACK, Role.A},
            new Object[] {Phase.ADD_ADDR, Role.A}, new Object[] {Phase.ADD_ADDR, Role.B},
            new Object[] {Phase.FAST_CLOSE, Role.A}, new Object[] {Phase.FAST_CLOSE, Role.B});

    private void checkComplete() throws DefinitionException {
        line = 1;
        for (String let : List.of("tokA", "tokB")) {
            if (!lets.containsKey(let)) {
                throw error("missing let " + let + " (the token the endpoints see)");
            }
        }
        for (Object[] r : REQUIRED) {
            Phase p = (Phase) r[0];
            Role from = (Role) r[1];
            for (Mode mode : modes) {
                boolean present = messages.stream().anyMatch(m -> m.phase() == p && m.from() == from
                        && (m.mode() == null || m.mode().equals(mode.name())));
                if (!present) {
                    throw error("no " + p.keyword() + " message " + (from == Role.A ? "A->B" : "B->A")
                            + " for mode " + mode.name());
                }
            }
        }
        for (Message m : messages) {
            line = m.line();
            boolean lookups = m.body().stream().anyMatch(Stmt.Lookup.class::isInstance);
            if (m.phase() == Phase.JOIN_SYN && !lookups) {
                throw error("a join-syn message needs a lookup line (which connection the join attaches to)");
            }
            if (m.body().stream().filter(Stmt.Lookup.class::isInstance).count() > 1) {
                throw error("one lookup per join-syn message");
            }
            String needed = switch (m.phase()) {
                case JOIN_SYN -> "token";
                case JOIN_SYN_ACK, JOIN_ACK -> "hmac";
                case FAST_CLOSE -> "key";
                default -> null;
            };
            if (needed != null && m.field(needed).isEmpty()) {
                throw error(m.phase().keyword() + " message " + m.name() + " must send field " + needed);
            }
            if (m.phase() == Phase.KEY_AGREEMENT && m.field("hmac").isPresent() == m.field("share").isPresent()) {
                // one layout per message: NEW_KEY (hmac) or the key share (a public value)
                throw error("key-agreement message " + m.name() + " must send field hmac or field share, not both");
            }
        }
    }

    /**
     * Every MP_CAPABLE and ADD_ADDR variant, in every mode it is sent in, must be an option of the
     * version that carries exactly the fields it sends and decodes back to itself: built with
     * placeholder values through the reference's own builder. Before this check a v0 SYN without a
     * key, a v0 ADD_ADDR with an HMAC or a v1 one without ended every run in an engine error
     * (INCONCLUSIVE), and a v1 MP_CAPABLE flagged E or G beside keys lost its keys on the wire (the
     * token layout), so every connection fell back to plain TCP and the row came out VACUOUS or HOLDS.
     */
    private void checkLayouts() throws DefinitionException {
        for (Message m : messages) {
            line = m.line();
            boolean capable = m.phase() == Phase.HANDSHAKE_SYN || m.phase() == Phase.HANDSHAKE_SYN_ACK
                    || m.phase() == Phase.HANDSHAKE_ACK;
            if (!capable && m.phase() != Phase.ADD_ADDR) {
                continue;
            }
            Map<String, Bytes> sent = new LinkedHashMap<>();
            for (Stmt.Field f : m.fields()) {
                sent.put(f.name(), Bytes.of(new byte[m.phase().fields().get(f.name()) / 8]));
            }
            if (!capable) {
                try {
                    java.net.InetAddress v4 = java.net.InetAddress.getByAddress(new byte[4]);
                    new MptcpOption.AddAddr(version, DefinedScheme.addAddrFlags(version, v4), 1,
                            v4, java.util.OptionalInt.empty(),
                            sent.containsKey("hmac") ? java.util.OptionalLong.of(0) : java.util.OptionalLong.empty());
                } catch (IllegalArgumentException | java.net.UnknownHostException e) {
                    throw error("message " + m.name() + ": version " + version + "'s ADD_ADDR "
                            + (sent.containsKey("hmac") ? "has no field hmac" : "must send field hmac")
                            + " (" + e.getMessage() + ")");
                }
                continue;
            }
            for (Mode mode : modes) {
                boolean applies = m.mode() == null
                        ? messages.stream().noneMatch(o -> o.name().equals(m.name()) && mode.name().equals(o.mode()))
                        : m.mode().equals(mode.name());
                if (!applies) {
                    continue;
                }
                int flags = m.flags() | mode.flag();
                String where = "message " + m.name() + (modes.size() > 1 ? " in mode " + mode.name() : "")
                        + ": a version " + version + " MP_CAPABLE with flags 0x" + Integer.toHexString(flags);
                MptcpOption built;
                try {
                    built = DefinedScheme.capableOption(version, flags, sent);
                } catch (IllegalArgumentException e) {
                    throw error(where + (sent.isEmpty() ? " and no field" : " carrying " + String.join(", ", sent.keySet()))
                            + " does not exist: " + e.getMessage());
                }
                DecodeResult back = OptionCodec.decode(built.encode());
                Optional<MptcpOption> decoded = back instanceof DecodeResult.Decoded d
                        ? Optional.of(d.option()) : Optional.empty();
                Set<String> carried = DefinedScheme.capableFieldsOf(version, decoded).map(Map::keySet).orElse(Set.of());
                if (decoded.isEmpty() || !decoded.get().equals(built) || !carried.equals(sent.keySet())) {
                    throw error(where + " is sent in a layout that carries "
                            + (carried.isEmpty() ? "no field" : String.join(", ", new TreeSet<>(carried)))
                            + ", not the fields it sends (" + (sent.isEmpty() ? "none" : String.join(", ", sent.keySet()))
                            + ")" + (version == 1 && (flags & (MptcpOption.FLAG_E_EXTERNAL_KEY
                                    | MptcpOption.FLAG_G_BOUND_KEY)) != 0
                                    ? ": in version 1, flags E and G select the token layouts" : ""));
                }
            }
        }
    }

    // ---- terms -----------------------------------------------------------------------------------

    private Term term(String s, Function<String, Integer> names) throws DefinitionException {
        TermReader r = new TermReader(s, names);
        Term t = r.term();
        r.skipSpace();
        if (r.pos != s.length()) {
            throw error("unexpected '" + s.substring(r.pos) + "' in term " + s);
        }
        return t;
    }

    /** Recursive descent over one term. */
    private final class TermReader {
        final String s;
        final Function<String, Integer> names;
        int pos;
        int depth;

        TermReader(String s, Function<String, Integer> names) {
            this.s = s;
            this.names = names;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Term term() throws DefinitionException {
            if (++depth > MAX_TERM_DEPTH) {
                // a recursive reader: a bound keeps a hostile file from ending in StackOverflowError
                throw error("term nested deeper than " + MAX_TERM_DEPTH + " levels");
            }
            try {
                return termAtDepth();
            } finally {
                depth--;
            }
        }

        private Term termAtDepth() throws DefinitionException {
            skipSpace();
            if (pos >= s.length()) {
                throw error("missing term");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated label");
                }
                String text = s.substring(pos + 1, end);
                pos = end + 1;
                if (text.isEmpty()) {
                    throw error("empty label");
                }
                return new Term.Label(text);
            }
            if (Character.isDigit(c)) {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == ':')) {
                    pos++;
                }
                String[] vw = s.substring(start, pos).split(":");
                if (vw.length != 2 || vw[0].isEmpty()) {
                    throw error("a number is VALUE:WIDTH, e.g. 0:32, got " + s.substring(start, pos));
                }
                return number(vw[0], width(vw[1]));
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '-')) {
                pos++;
            }
            String id = s.substring(start, pos);
            if (id.isEmpty()) {
                throw error("unexpected '" + s.substring(pos) + "'");
            }
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                List<Term> args = new ArrayList<>();
                List<Integer> ints = new ArrayList<>();
                if (id.equals("truncL") || id.equals("truncR")) {
                    skipSpace();
                    int ns = pos;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                    ints.add(width(s.substring(ns, pos)));
                    expect(',');
                }
                while (true) {
                    args.add(term());
                    skipSpace();
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect(')');
                    break;
                }
                return apply(id, ints, args);
            }
            Integer w = names.apply(id);
            if (w == null) {
                throw error("unknown term " + id);
            }
            return new Atom(id, w);
        }

        void expect(char c) throws DefinitionException {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "' in term " + s);
            }
            pos++;
        }

        Term apply(String fn, List<Integer> ints, List<Term> a) throws DefinitionException {
            int hb = hashBits();
            switch (fn) {
                case "hash", "token", "idsn" -> {
                    arity(fn, a, 1);
                    return fn.equals("hash") ? new Term.Hash(a.get(0))
                            : fn.equals("token") ? new Term.Token(a.get(0)) : new Term.Idsn(a.get(0));
                }
                case "hmac" -> {
                    arity(fn, a, 2);
                    return new Term.Hmac(a.get(0), a.get(1));
                }
                case "cat" -> {
                    if (a.size() < 2) {
                        throw error("cat takes at least 2 terms");
                    }
                    long bits = 0;
                    for (Term t : a) {
                        bits += Terms.width(t, hb);
                    }
                    if (bits > MAX_WIDTH) {
                        // lets that double a cat would otherwise overflow the width or fill the heap
                        throw error("cat of " + bits + " bits: a term is at most " + MAX_WIDTH + " bits");
                    }
                    return Terms.cat(a);
                }
                case "xor" -> {
                    if (a.size() < 2) {
                        throw error("xor takes at least 2 terms");
                    }
                    int w0 = Terms.width(a.get(0), hb);
                    for (Term t : a) {
                        if (Terms.width(t, hb) != w0) {
                            throw error("xor of different widths: " + Terms.show(a.get(0)) + " is " + w0 + " bits, "
                                    + Terms.show(t) + " is " + Terms.width(t, hb));
                        }
                    }
                    return Terms.xor(a, w0);
                }
                case "pub" -> {
                    arity(fn, a, 1);
                    requireWidth(fn, a.get(0), 256);
                    return new Term.Pub(a.get(0));
                }
                case "dh" -> {
                    arity(fn, a, 2);
                    requireWidth(fn, a.get(0), 256);
                    requireWidth(fn, a.get(1), 256);
                    return Terms.dh(a.get(0), a.get(1));
                }
                case "truncL", "truncR" -> {
                    arity(fn, a, 1);
                    int n = ints.get(0);
                    if (n > Terms.width(a.get(0), hb)) {
                        throw error(fn + " to " + n + " bits of a " + Terms.width(a.get(0), hb) + "-bit term");
                    }
                    return fn.equals("truncL") ? new Term.TruncL(n, a.get(0)) : new Term.TruncR(n, a.get(0));
                }
                default -> throw error("unknown function " + fn);
            }
        }

        void requireWidth(String fn, Term t, int bits) throws DefinitionException {
            if (Terms.width(t, hashBits()) != bits) {
                throw error(fn + " takes " + bits + "-bit X25519 values, " + Terms.show(t) + " is "
                        + Terms.width(t, hashBits()) + " bits");
            }
        }

        void arity(String fn, List<Term> a, int n) throws DefinitionException {
            if (a.size() != n) {
                throw error(fn + " takes " + n + " term(s), got " + a.size());
            }
        }
    }
}
