package org.mptcpverify.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The machine-readable report: fixed field names and order, hex in lower case without 0x
 * (keys and IDSNs 16 digits, tokens and nonces 8), null for anything not seen. Same report, same
 * bytes (LF line ends whatever the platform). {@code notes} holds the text report's notes.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    public static String format(InspectReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode conns = root.putArray("connections");
        for (ConnectionReport c : r.connections()) {
            ObjectNode o = conns.addObject();
            o.put("firstFrame", c.firstFrame());
            if (c.version().isPresent()) {
                o.put("version", c.version().getAsInt());
            } else {
                o.putNull("version");
            }
            o.put("keyA", hex16(c.keyA()));
            o.put("keyB", hex16(c.keyB()));
            o.put("tokenA", hex8(c.tokenA()));
            o.put("tokenB", hex8(c.tokenB()));
            o.put("idsnA", hex16(c.idsnA()));
            o.put("idsnB", hex16(c.idsnB()));
            ArrayNode joins = o.putArray("joins");
            for (JoinReport j : c.joins()) {
                ObjectNode jo = joins.addObject();
                jo.put("synFrame", j.synFrame());
                jo.put("token", hex8(OptionalInt.of(j.token())));
                jo.put("randA", hex8(OptionalInt.of(j.randA())));
                jo.put("randB", hex8(j.randB()));
                jo.put("synAckHmacValid", j.synAckHmac().asJson());
                jo.put("ackHmacValid", j.ackHmac().asJson());
                jo.put("established", j.established());
                jo.put("notChecked", j.why());
                ArrayNode sent = jo.putArray("attackerSent");
                j.attackerSent().forEach(sent::add);
            }
            ArrayNode adds = o.putArray("addAddrs");
            for (AddAddrReport a : c.addAddrs()) {
                ObjectNode ao = adds.addObject();
                ao.put("frame", a.frame());
                ao.put("sender", a.sender());
                ao.put("addrId", a.addrId());
                ao.put("address", Endpoint.format(a.address()));
                if (a.port().isPresent()) {
                    ao.put("port", a.port().getAsInt());
                } else {
                    ao.putNull("port");
                }
                ao.put("hmacValid", a.hmac().asJson());
                ao.put("notChecked", a.why());
                ao.put("attackerMarked", r.attackerMarked(a.frame()));
            }
            ArrayNode others = o.putArray("options");
            for (OptionReport op : c.options()) {
                ObjectNode oo = others.addObject();
                oo.put("frame", op.frame());
                oo.put("sender", op.sender());
                oo.put("option", op.name());
                oo.put("detail", op.detail());
                oo.put("valid", op.check().asJson());
                oo.put("notChecked", op.why());
                oo.put("attackerMarked", r.attackerMarked(op.frame()));
            }
        }
        // the same notes as the text report (malformed options, joins to unknown tokens): a JSON
        // reader must not see a cleaner capture than a human does
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        // frames a capture the project wrote marks as the attacker's (pcapng packet comments)
        ArrayNode marked = root.putArray("attackerFrames");
        for (MarkedFrame m : r.attackerFrames()) {
            marked.addObject().put("frame", m.frame()).put("comment", m.comment());
        }
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    static String hex8(OptionalInt v) {
        return v.isPresent() ? String.format("%08x", v.getAsInt()) : null;
    }

    static String hex16(OptionalLong v) {
        return v.isPresent() ? String.format("%016x", v.getAsLong()) : null;
    }
}
