package org.mptcpverify.traces;

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
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.net.Packets;
import org.mptcpverify.pcap.AttackerMark;
import org.mptcpverify.pcap.PcapWriter;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.WireSender;
import org.mptcpverify.wire.TcpSegment;

/**
 * The traces engine's counterexample: the shrunk segment-level trace in the shared segment format
 * ({@code mptcp-verify-segments/1}, which {@code replay} reads), followed by the engine's own fields
 * (replay ignores them), and the pcap of the replay's real segments beside it. Same inputs, same
 * bytes.
 *
 * @param replay the shrunk trace replayed on a fresh reference: the segments of the pcap and the
 *               {@code steps}/{@code explanation} fields come from it, not from the search
 */
public record SegmentCounterexample(SegmentTrace trace, SegmentReplayer.Result replay, long engineSeed, long cellSeed,
                                    int runIndex, int triesBound, int originalEvents, Map<String, Object> limits) {

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>(SegmentTraceJson.toMap(trace));
        m.put("runs", runIndex + 1);
        m.put("triesBound", triesBound);
        m.put("engineSeed", engineSeed);
        m.put("cellSeed", cellSeed);
        m.put("limits", limits);
        m.put("originalEvents", originalEvents);
        m.put("explanation", replay.violation().map(SegmentReplayer.Violation::explanation).orElse(""));
        m.put("steps", replay.steps());
        List<Map<String, Object>> segs = new ArrayList<>();
        for (RunOutcome.WireRecord w : replay.wire()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", w.step());
            s.put("path", w.path());
            s.put("origin", w.origin());
            s.put("id", w.id()); // a replayed, relayed or rewritten copy keeps the id of the segment it copies
            s.put("hex", w.ipPacket().hex());
            segs.add(s);
        }
        m.put("segments", segs);
        return m;
    }

    byte[] jsonBytes() throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        return (new ObjectMapper().writer(pp).writeValueAsString(toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** 2026-11-27T00:00:00Z: a fixed capture start, so the pcap bytes depend on the trace only. */
    static final long PCAP_START_MICROS = 1_795_737_600L * 1_000_000L;

    /**
     * The replay's crossings as timed packets (event k at second k, the crossings of one event 1 ms apart);
     * a crossing the attacker put on the wire (sent, replayed, relayed or rewritten:
     * {@link WireSender}) carries the {@link AttackerMark} comment.
     */
    static List<PcapWriter.TimedPacket> timedPackets(List<RunOutcome.WireRecord> wire) {
        List<TcpSegment> segs = wire.stream().map(w -> Packets.decode(w.ipPacket()).orElseThrow(
                () -> new IllegalStateException("the reference put a segment on the wire its codec rejects"))).toList();
        List<PcapWriter.TimedPacket> out = new java.util.ArrayList<>();
        int lastStep = Integer.MIN_VALUE;
        int k = 0;
        for (int i = 0; i < wire.size(); i++) {
            RunOutcome.WireRecord w = wire.get(i);
            k = w.step() == lastStep ? k + 1 : 0;
            lastStep = w.step();
            long t = PCAP_START_MICROS + Math.max(0, w.step()) * 1_000_000L + k * 1_000L;
            out.add(new PcapWriter.TimedPacket(t, w.ipPacket().toArray(), comment(w, WireSender.of(wire, segs, i))));
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
    public void write(Path json, Path pcap) throws IOException {
        PcapWriter.writeRawIp(pcap, timedPackets(replay.wire()));
        AtomicWrite.write(json, jsonBytes());
    }
}
