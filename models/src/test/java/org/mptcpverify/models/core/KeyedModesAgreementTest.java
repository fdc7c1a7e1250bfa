package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.ExternalKeyUse;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.vocab.SchemeId;

/**
 * DowngradeResistance's "keyed mode" is derived twice from a definition: by the generator of the
 * model cores (SchemeData.keyed: the mode reads K and no handshake field carries K in clear) and by
 * the reference ({@link ExternalKeyUse}: a join check over K that the clear handshake does not give
 * away, by deduction). On every committed definition the models take, the two must name the same
 * modes, for every mode a keyed end runs under its own name (the {@code _nokey} copies are ends
 * without a key, which the property does not judge).
 */
class KeyedModesAgreementTest {
    @Test
    void generatorAndReferenceAgreeOnTheKeyedModes() throws Exception {
        List<String> differ = new ArrayList<>();
        int compared = 0;
        int keyed = 0;
        for (SchemeId s : SchemeId.tlaCoreSchemes()) {
            SchemeDefinition def = DefinitionParser.parse(GeneratedSchemeDataTest.definition(s));
            SchemeData data = SchemeDataBuilder.build(def);
            for (ExternalKeyUse u : ExternalKeyUse.of(def)) {
                if (!data.modes().containsKey(u.mode())) {
                    continue; // no end runs it under this name (only its _nokey copy)
                }
                compared++;
                keyed += u.keyed() ? 1 : 0;
                if (u.keyed() != data.keyed().contains(u.mode())) {
                    differ.add(s + " mode " + u.mode() + ": reference " + u.keyed() + " (" + u.reason() + "), generator "
                            + data.keyed());
                }
            }
        }
        System.out.println("[keyed modes] " + compared + " modes compared, " + keyed + " keyed");
        assertTrue(keyed > 0 && keyed < compared, "one answer only: " + keyed + " of " + compared);
        assertEquals(List.of(), differ);
    }
}
