package org.mptcpverify.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The shared vocabulary, one line per name. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the known schemes, attacks or properties, one line each.",
                "schemes: name, whether it uses an external key, its definition file (docs/scheme-definitions.md).",
                "attacks: name and the properties it checks.",
                "properties: name and the attacks that check it.",
                "Exit codes: 0 listed; 2 bad usage."})
public final class ListCommand implements Callable<Integer> {
    private static final List<String> WHAT = List.of("schemes", "attacks", "properties");

    @Parameters(index = "0", paramLabel = "WHAT", description = "schemes, attacks or properties.")
    String what;

    @Override
    public Integer call() {
        List<String> lines = switch (what) {
            case "schemes" -> Arrays.stream(SchemeId.values()).map(s -> s.wireName() + "\t"
                    + (s.usesExternalKey() ? "external key" : s.agreesKey() ? "agreed key (Diffie-Hellman)" : "no external key")
                    + "\tmodels/schemes/" + s.wireName() + ".scheme" + (s.modelled() ? "" : s.inTlaCore() ? "\ttraces engine and generic TLA+ core only" : "\ttraces engine only")).toList();
            case "attacks" -> Arrays.stream(AttackId.values()).map(a -> a.wireName() + "\t"
                    + String.join(", ", a.properties().stream().map(PropertyId::modelName).toList())
                    + (a.modelled() ? "" : a.inTlaCore() ? "\ttraces engine and generic TLA+ core only" : "\ttraces engine only")
                    + (a.actionLevel() ? "" : " (generic segment-level attacker)")).toList();
            case "properties" -> Arrays.stream(PropertyId.values()).map(ListCommand::propertyLine).toList();
            default -> throw new UserInputException("list: unknown list '" + what + "' (known: "
                    + String.join(", ", WHAT) + ")");
        };
        lines.forEach(System.out::println);
        return Main.EXIT_OK;
    }

    private static String propertyLine(PropertyId p) {
        List<String> attacks = new ArrayList<>();
        for (AttackId a : AttackId.values()) {
            if (a.properties().contains(p)) {
                attacks.add(a.wireName());
            }
        }
        return p.modelName() + "\tchecked by " + String.join(", ", attacks);
    }
}
