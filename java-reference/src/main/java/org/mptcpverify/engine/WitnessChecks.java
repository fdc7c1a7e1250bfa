package org.mptcpverify.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.definition.Stmt;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The honest checks a cell's witness must reach (issue 12): a HOLDS says something only if an
 * attacker-originated segment reached, accepted or rejected, a receiver's check that the cell's
 * properties depend on ({@link PropertyId#decidedBy}); otherwise the cell is VACUOUS. The kinds come
 * from the properties, the names of the checks from the scheme's definition, so a definition whose
 * check was deleted still names the segment's receipt ("no check"): the receiver acts on it all
 * the same, and reaching it still witnesses that the attacker could act.
 */
public final class WitnessChecks {
    private WitnessChecks() {}

    /** The segment kinds the properties depend on, in the properties' order, each once. */
    public static List<String> kinds(Collection<PropertyId> properties) {
        Set<String> kinds = new LinkedHashSet<>();
        properties.forEach(p -> kinds.addAll(p.decidedBy()));
        return List.copyOf(kinds);
    }

    /**
     * The names of the checks of {@code kinds} in {@code def}: per message of the kind's phase (every
     * mode and direction) its lookup and checks, e.g. {@code join-syn: lookup per-connection},
     * {@code join-ack [bound]: check hmac else rst} (the mode of a variant in brackets);
     * {@code <message>: no check} when it has none, and
     * {@code KIND: no check (not in the definition)} for a kind the definition does not state (REMOVE_ADDR
     * and MP_PRIO of every row but mptls and mptcpsec: RFC 8684's, unauthenticated).
     */
    public static List<String> names(List<String> kinds, SchemeDefinition def) {
        Set<String> names = new LinkedHashSet<>();
        for (String kind : kinds) {
            Optional<Phase> phase = Phase.ofCoreMessage(kind);
            List<SchemeDefinition.Message> msgs = phase.isEmpty() ? List.of()
                    : def.messages().stream().filter(m -> m.phase() == phase.get()).toList();
            if (msgs.isEmpty()) {
                names.add(kind + ": no check (" + (phase.isEmpty() ? "no definition covers it" : "not in the definition") + ")");
            }
            for (SchemeDefinition.Message m : msgs) {
                List<String> own = new ArrayList<>();
                for (Stmt st : m.body()) {
                    if (st instanceof Stmt.Lookup l) {
                        own.add("lookup " + l.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    } else if (st instanceof Stmt.Check c) {
                        own.add("check " + c.field() + " else " + c.outcome().keyword);
                    }
                }
                if (own.isEmpty()) {
                    own.add("no check");
                }
                String name = m.name() + (m.mode() == null ? "" : " [" + m.mode() + "]");
                own.forEach(o -> names.add(name + ": " + o));
            }
        }
        return List.copyOf(names);
    }

    /**
     * The witness entries every engine reports beside its own counts: how many attacker segments
     * reached a relevant check (in the engine's own unit, said by its doc), the relevant segment
     * kinds, and the definition's checks of them.
     */
    public static Map<String, Object> entries(int reached, List<String> kinds, SchemeDefinition def) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relevantChecksReached", reached);
        m.put("relevantKinds", String.join(",", kinds));
        m.put("relevantChecks", def == null ? "" : String.join("; ", names(kinds, def)));
        return m;
    }

    /**
     * The definition the cell's reference runs: the implementation's own when it runs one (a scheme
     * file, a mutant), else the built-in file; null when there is none to read (the checks are then
     * reported without names, their kinds only).
     */
    public static SchemeDefinition definition(SchemeId scheme, org.mptcpverify.scheme.AuthScheme impl) {
        if (impl instanceof org.mptcpverify.definition.DefinedScheme d) {
            return d.definition();
        }
        try {
            return builtIn(scheme);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The built-in scheme's definition, models/schemes/NAME.scheme below -Dmptcp.repoRoot, the working folder or its parent. */
    public static SchemeDefinition builtIn(SchemeId scheme) {
        List<Path> roots = new ArrayList<>(List.of(Path.of("models", "schemes"), Path.of("..", "models", "schemes")));
        String repo = System.getProperty("mptcp.repoRoot");
        if (repo != null) {
            roots.add(0, Path.of(repo, "models", "schemes"));
        }
        for (Path root : roots) {
            Path f = root.resolve(scheme.wireName() + ".scheme");
            if (Files.isRegularFile(f)) {
                try {
                    return DefinitionParser.parse(f);
                } catch (DefinitionException e) {
                    throw new IllegalStateException(f + ": " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("no models/schemes/" + scheme.wireName() + ".scheme here or in ..");
    }
}
