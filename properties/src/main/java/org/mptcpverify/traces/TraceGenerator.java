package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Generates the traces of one attack: interleavings of the legitimate actions and exactly the
 * active capabilities the threat model gives that attack, each action chosen among those enabled
 * in the current {@link GenState}. One implementation per {@link AttackId}, named for it.
 */
public sealed interface TraceGenerator permits EavesdropHandshakeGenerator, EavesdropAllGenerator,
        SynJoinRewriteGenerator, JoinDosGenerator, AddAddrMitmGenerator, FastcloseForgeGenerator,
        LegitJoinGenerator, NatJoinGenerator, OneSidedKeyGenerator, TwoKeysOneHostGenerator,
        RemoveAddrForgeGenerator, MpPrioForgeGenerator {

    /** The spoofed source addresses a SpoofJoinSyn may use, simplest first. */
    List<String> SPOOF_SOURCES = List.of("spoof1", "spoof2", "spoof3");

    AttackId attack();

    /** The actions the attacker of this attack may take (empty: no attacker). */
    Set<AttackerCapability> capabilities();

    /** What the attacker sees (for SpoofJoinSyn replay). */
    Observation observation();

    /** The legitimate clients of the scenario. */
    default List<String> clients() {
        return List.of("c1");
    }

    /** The scenario variants: keyedSide values ({@code null} when the attack has none). */
    default List<String> keyedSides() {
        return Collections.singletonList(null);
    }

    /**
     * The client's own path-manager request, when the attack's property is judged against one
     * (PathManagerIntegrity: the server must obey it, and only it); none by default.
     */
    default Optional<Function<String, TraceAction>> clientRequest() {
        return Optional.empty();
    }

    /** Whether an action-based generator exists for {@code attack}; the others run on the generic attacker. */
    static boolean exists(AttackId attack) {
        return org.mptcpverify.trace.ActionAlphabet.covers(attack);
    }

    static TraceGenerator forAttack(AttackId attack) {
        return switch (attack) {
            case EAVESDROP_HANDSHAKE -> new EavesdropHandshakeGenerator();
            case EAVESDROP_ALL -> new EavesdropAllGenerator();
            case SYN_JOIN_REWRITE -> new SynJoinRewriteGenerator();
            case JOIN_DOS -> new JoinDosGenerator();
            case ADD_ADDR_MITM -> new AddAddrMitmGenerator();
            case FASTCLOSE_FORGE -> new FastcloseForgeGenerator();
            case LEGIT_JOIN -> new LegitJoinGenerator();
            case NAT_JOIN -> new NatJoinGenerator();
            case ONE_SIDED_KEY -> new OneSidedKeyGenerator();
            case TWO_KEYS_ONE_HOST -> new TwoKeysOneHostGenerator();
            case REMOVE_ADDR_FORGE -> new RemoveAddrForgeGenerator();
            case MP_PRIO_FORGE -> new MpPrioForgeGenerator();
            case HANDSHAKE_DOWNGRADE, HANDSHAKE_MITM, ADD_ADDR_REPLAY, SYN_FLOOD_AMPLIFICATION, INSIDER, INSIDER_OTHER_APP, INSIDER_BLIND -> throw new IllegalArgumentException(attack
                    + " has no action-level generator: the generic segment-level attacker decides it");
        };
    }

    /** The legitimate actions enabled in {@code state}, in a fixed order. */
    default List<TraceAction> enabledLegitimate(GenState state) {
        List<TraceAction> out = new ArrayList<>();
        for (String c : clients()) {
            switch (state.phase(c)) {
                case NONE -> out.add(new TraceAction.Connect(c));
                case OPEN -> {
                    out.add(new TraceAction.Join(c));
                    out.add(new TraceAction.Advertise(c));
                    out.add(new TraceAction.Close(c));
                    clientRequest().ifPresent(r -> out.add(r.apply(c)));
                }
                case CLOSED -> { }
            }
        }
        return out;
    }

    /** The attacker actions enabled in {@code state}, in a fixed order; all aim at an open connection. */
    default List<TraceAction> enabledAttacker(GenState state) {
        List<TraceAction> out = new ArrayList<>();
        Set<AttackerCapability> caps = capabilities();
        for (String c : clients()) {
            if (!state.open(c)) {
                continue;
            }
            if (caps.contains(AttackerCapability.FORGE_JOIN)) {
                out.add(new TraceAction.ForgeJoin(c));
            }
            if (caps.contains(AttackerCapability.SPOOF_JOIN_SYN)) {
                for (String src : SPOOF_SOURCES) {
                    out.add(new TraceAction.SpoofJoinSyn(c, "forge", src));
                }
                if (state.joinsObserved().contains(c)) {
                    for (String src : SPOOF_SOURCES) {
                        out.add(new TraceAction.SpoofJoinSyn(c, "replay", src));
                    }
                }
            }
            if (caps.contains(AttackerCapability.REWRITE_JOIN)) {
                out.add(new TraceAction.RewriteJoin(c));
            }
            if (caps.contains(AttackerCapability.FORGE_ADD_ADDR)) {
                out.add(new TraceAction.ForgeAddAddr(c));
            }
            if (caps.contains(AttackerCapability.FORGE_FAST_CLOSE)) {
                out.add(new TraceAction.ForgeFastClose(c));
            }
            if (caps.contains(AttackerCapability.FORGE_REMOVE_ADDR)) {
                out.add(new TraceAction.ForgeRemoveAddr(c));
            }
            if (caps.contains(AttackerCapability.FORGE_MP_PRIO)) {
                out.add(new TraceAction.ForgeMpPrio(c));
            }
        }
        return out;
    }

    /** Every action enabled in {@code state}. */
    default List<TraceAction> enabled(GenState state) {
        List<TraceAction> all = new ArrayList<>(enabledLegitimate(state));
        all.addAll(enabledAttacker(state));
        return all;
    }

    /** Whether every action of {@code actions} is enabled where it stands (the shrinker keeps to these). */
    default boolean wellFormed(List<TraceAction> actions) {
        GenState s = GenState.initial(clients());
        for (TraceAction a : actions) {
            if (!enabled(s).contains(a)) {
                return false;
            }
            s = s.after(a, observation());
        }
        return true;
    }

    /**
     * The {@code tryIndex}-th trace of a cell, drawn from {@code trySeed} alone (plus the index for
     * the scenario variant, so that every variant gets tried in turn).
     */
    default GeneratedTrace generate(SchemeId scheme, long trySeed, int tryIndex, boolean attackerHasKey,
                                    int maxActions) {
        if (maxActions < 1) {
            throw new IllegalArgumentException("maxActions must be >= 1, got " + maxActions);
        }
        SplittableRandom rnd = new SplittableRandom(trySeed);
        long scenarioSeed = rnd.nextLong();
        List<String> sides = keyedSides();
        String keyedSide = sides.get(Math.floorMod(tryIndex, sides.size()));
        int length = rnd.nextInt((maxActions + 1) / 2, maxActions + 1);
        GenState state = GenState.initial(clients());
        List<TraceAction> actions = new ArrayList<>();
        while (actions.size() < length) {
            List<TraceAction> legit = enabledLegitimate(state);
            List<TraceAction> attacker = enabledAttacker(state);
            List<TraceAction> group;
            if (legit.isEmpty() && attacker.isEmpty()) {
                break;
            } else if (attacker.isEmpty()) {
                group = legit;
            } else if (legit.isEmpty()) {
                group = attacker;
            } else {
                // Half of the choices go to the attacker, however many variants it has.
                group = rnd.nextBoolean() ? attacker : legit;
            }
            TraceAction a = group.get(rnd.nextInt(group.size()));
            actions.add(a);
            state = state.after(a, observation());
        }
        Scenario scenario = new Scenario(scheme, attack(), scenarioSeed, keyedSide, attackerHasKey);
        return new GeneratedTrace(scenario, List.copyOf(actions), trySeed, tryIndex);
    }
}
