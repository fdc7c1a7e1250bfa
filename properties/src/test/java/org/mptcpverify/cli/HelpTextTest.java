package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Command help texts are whole sentences: picocli prints each description element as its own
 * paragraph, so an element that stops mid-sentence reads as cut off. (Option descriptions are
 * short phrases and are not checked.)
 */
class HelpTextTest {
    @Test
    void everyDescriptionLineEndsASentence() {
        List<String> cut = new ArrayList<>();
        CommandLine root = new CommandLine(new Main());
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(root.getSubcommands().values());
        for (CommandLine c : all) {
            for (String line : c.getCommandSpec().usageMessage().description()) {
                String t = line.replace("%n", "").strip(); // %n: picocli's line break
                if (!t.isEmpty() && !t.matches(".*[.:)]$")) cut.add(c.getCommandName() + ": " + t);
            }
        }
        assertEquals(List.of(), cut, "description lines that stop mid-sentence");
    }

    @Test
    void checkSaysWhatItsCounterexamplePathIsRelativeTo() {
        CommandLine check = new CommandLine(new Main()).getSubcommands().get("check");
        String out = String.join(" ", check.getCommandSpec().findOption("--out").description());
        assertTrue(out.contains("relative to DIR"), out);
    }
}
