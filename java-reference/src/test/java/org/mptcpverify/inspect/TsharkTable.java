package org.mptcpverify.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * tshark's dissection of a capture, one row per frame with MPTCP options, as written by
 * scripts/kernel-capture.sh (same fields and flags): an independent decoder to compare with.
 */
record TsharkTable(List<Map<String, String>> rows) {
    /** The fields kernel-capture.sh asks for, in its order. */
    static final List<String> FIELDS = List.of("frame.number", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport",
            "tcp.options.mptcp.subtype", "tcp.options.mptcp.version",
            "tcp.options.mptcp.sendkey", "tcp.options.mptcp.recvkey",
            "tcp.options.mptcp.recvtok", "tcp.options.mptcp.sendrand",
            "tcp.options.mptcp.sendtrunchmac", "tcp.options.mptcp.sendhmac",
            "tcp.options.mptcp.addrid", "tcp.options.mptcp.ipv4", "tcp.options.mptcp.port",
            "tcp.options.mptcp.echo", "tcp.options.mptcp.addaddrtrunchmac",
            "mptcp.expected_token", "mptcp.expected_idsn");

    static TsharkTable parse(String tsv) {
        List<String> lines = tsv.lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty tshark output");
        }
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    row.put(header[i], cells[i]);
                }
            }
            rows.add(row);
        }
        return new TsharkTable(rows);
    }

    static TsharkTable read(Path tsv) throws IOException {
        return parse(Files.readString(tsv, StandardCharsets.UTF_8));
    }

    /** Runs tshark on {@code capture} when it is installed. */
    static Optional<TsharkTable> run(Path capture) throws IOException, InterruptedException {
        if (!onPath("tshark")) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(),
                "-o", "mptcp.analyze_mptcp:TRUE", "-o", "mptcp.relative_sequence_numbers:FALSE",
                "-Y", "mptcp", "-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("tshark failed on " + capture);
        }
        return Optional.of(parse(out));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Every value of {@code field} in the row (tshark joins repeated occurrences with commas). */
    static List<String> values(Map<String, String> row, String field) {
        String v = row.get(field);
        return v == null ? List.of() : List.of(v.split(","));
    }

    static long unsigned(String decimal) {
        return Long.parseUnsignedLong(decimal);
    }
}
