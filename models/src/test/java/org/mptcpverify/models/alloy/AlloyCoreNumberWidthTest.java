package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.alloy.AlloyTermDag.App;
import org.mptcpverify.models.alloy.AlloyTermDag.Ct;
import org.mptcpverify.models.alloy.AlloyTermDag.G;
import org.mptcpverify.models.alloy.AlloyTermDag.Hm;
import org.mptcpverify.models.alloy.AlloyTermDag.Leaf;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.Tmpl;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * A number inside a forged term (ADD_ADDR's HMAC covers the address id and the port) has no width
 * in the Alloy dag, whose numbers are one atom per value; the export takes it from the scheme's
 * templates, walking them beside the term. No solving: the term is the rfc8684 universe's own
 * ADD_ADDR HMAC.
 */
class AlloyCoreNumberWidthTest {
    @Test
    void theAddAddrHmacsNumbersGetTheDefinitionsWidths() throws Exception {
        SchemeData data = AlloyCoreSchemes.data(SchemeId.RFC8684);
        AlloyTermDag.Rendered dag = AlloyCoreCell.of(SchemeId.RFC8684, AttackId.ADD_ADDR_MITM).get(0).dag();
        List<Tmpl> hints = AlloyCoreTraceExport.templates(data, "ADD_ADDR", "hmac");
        assertFalse(hints.isEmpty(), "the sender's field and the receiver's check");

        List<G> hmacs = dag.terms().values().stream().filter(g -> g instanceof App a && a.arg() instanceof Hm h
                && numbers(h.msg()).size() == 2).toList();
        assertFalse(hmacs.isEmpty(), "the universe holds ADD_ADDR's HMAC over id, address and port");
        for (G g : hmacs) {
            Hm h = (Hm) ((App) g).arg();
            List<Tmpl> atMsg = AlloyCoreTraceExport.children(AlloyCoreTraceExport.children(hints, g, 0), h, 1);
            List<OptionalInt> widths = new ArrayList<>();
            walk(h.msg(), atMsg, widths);
            // RFC 8684 3.4.1: ADD_ADDR's Address ID is one octet, its port two
            assertEquals(List.of(OptionalInt.of(8), OptionalInt.of(16)), widths, g.toString());
        }
    }

    /** A template of another shape gives no width (a number whose width is unknown fails the export). */
    @Test
    void aTemplateOfAnotherShapeGivesNoWidth() {
        G t = new Ct(new Leaf("Num", "I2"), new Leaf("Num", "I0"));
        List<Tmpl> hmacOnly = List.of(new Tmpl.Hmac(new Tmpl.Int(2, 8), new Tmpl.Int(0, 16)));
        assertEquals(List.of(), AlloyCoreTraceExport.children(hmacOnly, t, 0));
        assertEquals(OptionalInt.empty(), AlloyCoreTraceExport.widthOf(2, "ADD_ADDR", List.of()));
        assertEquals(OptionalInt.empty(), AlloyCoreTraceExport.widthOf(3, "ADD_ADDR", List.of(new Tmpl.Int(2, 8))),
                "a literal of another value is another number");
    }

    private static void walk(G t, List<Tmpl> hints, List<OptionalInt> out) {
        if (t instanceof Leaf l && l.sig().equals("Num")) {
            out.add(AlloyCoreTraceExport.widthOf(Long.parseLong(l.atom().substring(1)), "ADD_ADDR", hints));
        } else if (t instanceof Ct c) {
            walk(c.hd(), AlloyCoreTraceExport.children(hints, t, 0), out);
            walk(c.tl(), AlloyCoreTraceExport.children(hints, t, 1), out);
        }
    }

    private static List<Leaf> numbers(G t) {
        List<Leaf> out = new ArrayList<>();
        if (t instanceof Leaf l && l.sig().equals("Num")) {
            out.add(l);
        } else if (t instanceof Ct c) {
            out.addAll(numbers(c.hd()));
            out.addAll(numbers(c.tl()));
        }
        return out;
    }
}
