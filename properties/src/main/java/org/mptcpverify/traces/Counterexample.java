package org.mptcpverify.traces;

import org.mptcpverify.io.AtomicWrite;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.net.Packets;
import org.mptcpverify.pcap.AttackerMark;
import org.mptcpverify.pcap.PcapWriter;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.WireSender;
import org.mptcpverify.wire.TcpSegment;
import org.mptcpverify.vocab.PropertyId;

/**
 * A shrunk counterexample in the shared format (docs/threat-model.md, "Counterexample files"),
 * followed by the traces engine's own fields. Written byte for byte the same for the same inputs.
 */
record Counterexample(Scenario scenario, PropertyId property, List<TraceAction> actions,
                      List<TraceAction> original, RunOutcome outcome, long engineSeed, int tryIndex,
                      long trySeed, int triesBound, int maxActions, int shrinkSteps, int shrinkRuns,
                      boolean shrinkComplete, boolean enumerated) {
    static final String FORMAT = "mptcp-verify-counterexample/1";

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("engine", "traces");
        m.put("scheme", scenario.scheme().wireName());
        m.put("attack", scenario.attack().wireName());
        m.put("property", property.modelName());
        m.put("seed", scenario.seed());
        m.put("keyedSide", scenario.keyedSide());
        m.put("attackerHasKey", scenario.attackerHasKey());
        if (scenario.guessedKey() != null) {
            m.put("guessedKey", scenario.guessedKey()); // the value the attacker supplied as its guess
        }
        m.put("actions", ActionJson.toMaps(actions));
        // traces' own fields (replay ignores them)
        m.put("tries", tryIndex + 1);
        m.put("phase", enumerated ? "exhaustive" : "random");
        m.put("triesBound", triesBound);
        m.put("engineSeed", engineSeed);
        m.put("trySeed", trySeed);
        m.put("maxActions", maxActions);
        m.put("shrinkSteps", shrinkSteps);
        m.put("shrinkRuns", shrinkRuns);
        m.put("shrinkComplete", shrinkComplete);
        m.put("originalActions", ActionJson.toMaps(original));
        m.put("explanation", explanation());
        m.put("enabled", outcome.enabled());
        m.put("steps", outcome.steps());
        List<Map<String, Object>> segs = new ArrayList<>();
        for (RunOutcome.WireRecord w : outcome.segments()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", w.step());
            s.put("path", w.path());
            s.put("origin", w.origin());
            s.put("hex", w.ipPacket().hex());
            segs.add(s);
        }
        m.put("segments", segs);
        return m;
    }

    String explanation() {
        for (RunOutcome.Violation v : outcome.violations()) {
            if (v.property() == property) {
                return v.explanation();
            }
        }
        return "";
    }

    byte[] jsonBytes() throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        String text = new ObjectMapper().writer(pp).writeValueAsString(toJson()) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** 2026-11-27T00:00:00Z: a fixed capture start, so the pcap bytes depend on the trace only. */
    static final long PCAP_START_MICROS = 1_795_737_600L * 1_000_000L;

    /**
     * Segments as timed packets: action i at second i, the segments of one action 1 ms apart. A
     * crossing the attacker put on the wire (sent, or relayed/rewritten: {@link WireSender}) carries
     * the {@link AttackerMark} packet comment.
     */
    List<PcapWriter.TimedPacket> timedPackets() {
        List<RunOutcome.WireRecord> wire = outcome.segments();
        List<Optional<TcpSegment>> decoded = wire.stream().map(w -> Packets.decode(w.ipPacket())).toList();
        // Who forwarded a copy is read from its addresses; a runner whose packets the codec does not
        // read (the engine's test doubles) is judged by origin alone.
        boolean readable = decoded.stream().allMatch(Optional::isPresent);
        List<TcpSegment> segs = readable ? decoded.stream().map(Optional::get).toList() : List.of();
        return timed(wire, i -> readable ? WireSender.of(wire, segs, i) : wire.get(i).origin());
    }

    /**
     * Crossings as timed packets, step k at second k and the crossings of one step 1 ms apart, each
     * the attacker put on the wire ({@code sender} of its index is x) with the {@link AttackerMark}
     * comment. Shared by the action-level and the segment-level files (a step is then an event).
     */
    static List<PcapWriter.TimedPacket> timed(List<RunOutcome.WireRecord> wire, java.util.function.IntFunction<String> sender) {
        List<PcapWriter.TimedPacket> out = new ArrayList<>();
        int lastStep = Integer.MIN_VALUE;
        int k = 0;
        for (int i = 0; i < wire.size(); i++) {
            RunOutcome.WireRecord w = wire.get(i);
            k = w.step() == lastStep ? k + 1 : 0;
            lastStep = w.step();
            long t = PCAP_START_MICROS + Math.max(0, w.step()) * 1_000_000L + k * 1_000L;
            out.add(new PcapWriter.TimedPacket(t, w.ipPacket().toArray(), comment(w, sender.apply(i))));
        }
        return out;
    }

    private static String comment(RunOutcome.WireRecord w, String sender) {
        if (!sender.equals(WireSender.ATTACKER)) {
            return "";
        }
        String how = w.origin().equals(WireSender.ATTACKER) ? "sent by x"
                : "a segment of " + w.origin() + " relayed or rewritten by x";
        return AttackerMark.comment(how + " at trace step " + w.step());
    }

    /** Writes the pcap, then the JSON (each atomically): a JSON on disk always has its pcap beside it. */
    void write(Path json, Path pcap) throws IOException {
        PcapWriter.writeRawIp(pcap, timedPackets());
        AtomicWrite.write(json, jsonBytes());
    }
}
