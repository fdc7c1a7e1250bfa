package org.mptcpverify.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Inspect against the real Linux kernel: a capture made by scripts/kernel-capture.sh (two
 * namespaces, one join, one ADD_ADDR), checked against the kernel's own MPTCP_INFO and against
 * tshark's dissection. The live test captures now when it can (root, ip netns, dumpcap); the
 * committed-capture test runs the same assertions everywhere.
 */
class KernelCaptureTest {
    static final String BASE = "kernel-capture";

    static Path moduleDir() {
        String root = System.getProperty("mptcp.repoRoot");
        Path m = root == null ? Path.of("") : Path.of(root, "java-reference");
        return Files.isDirectory(m.resolve("scripts")) ? m.toAbsolutePath() : Path.of("").toAbsolutePath();
    }

    static Path committedCapture() {
        return moduleDir().resolve("src/test/resources/captures").resolve(BASE + ".pcap");
    }

    @Test
    void committedCapture_matchesKernelAndTshark() throws Exception {
        Path pcap = committedCapture();
        assertTrue(Files.isRegularFile(pcap), "committed capture missing: " + pcap);
        check(pcap);
    }

    @Test
    void liveCapture_matchesKernelAndTshark() throws Exception {
        Path dir = moduleDir().resolve("target").resolve(BASE);
        Path pcap = dir.resolve(BASE + ".pcap");
        if (!Files.isRegularFile(pcap)) {
            String why = whyKernelCaptureCannotRun();
            Assumptions.assumeTrue(why == null, () -> "live kernel capture skipped: " + why
                    + " (the committed capture is checked by committedCapture_matchesKernelAndTshark)");
            runScript(dir);
        }
        check(pcap);
    }

    /** The assertions of the task, on one capture and the kernel JSON / tshark table beside it. */
    static void check(Path pcap) throws Exception {
        InspectReport r = Inspector.inspect(pcap);
        JsonNode kernel = new ObjectMapper().readTree(sibling(pcap, ".json").toFile());
        TsharkTable tshark = tshark(pcap);

        assertEquals(1, r.connections().size(), ReportText.format(r));
        ConnectionReport c = r.connections().get(0);
        assertEquals(1, c.version().orElse(-1));
        assertTrue(c.subflows().size() >= 2, "at least one join: " + c.subflows());
        assertTrue(c.joins().size() >= 1);
        assertTrue(c.addAddrs().size() >= 1, "at least one ADD_ADDR");

        // Tokens: the kernel's own (client = A, server = B).
        assertEquals(kernel.at("/client/token").asText(), String.format("%08x", c.tokenA().orElseThrow()));
        assertEquals(kernel.at("/server/token").asText(), String.format("%08x", c.tokenB().orElseThrow()));
        // IDSNs: the kernel's data sequence after the echo exchange is IDSN + 1 + bytes sent
        // (write_seq) and IDSN of the peer + 1 + bytes received (rcv_nxt), before any DATA_FIN.
        long idsnA = c.idsnA().orElseThrow();
        long idsnB = c.idsnB().orElseThrow();
        assertEquals(idsnA + 1 + kernel.at("/client/bytesWritten").asLong(), hex64(kernel.at("/client/writeSeq")));
        assertEquals(idsnB + 1 + kernel.at("/client/bytesRead").asLong(), hex64(kernel.at("/client/rcvNxt")));
        assertEquals(idsnB + 1 + kernel.at("/server/bytesWritten").asLong(), hex64(kernel.at("/server/writeSeq")));
        assertEquals(idsnA + 1 + kernel.at("/server/bytesRead").asLong(), hex64(kernel.at("/server/rcvNxt")));
        // The kernel counted the same subflows and announcements.
        assertEquals(c.joins().size(), kernel.at("/client/subflows").asInt(), "additional subflows per MPTCP_INFO");
        assertEquals(c.addAddrs().size(), kernel.at("/server/addAddrSignal").asInt());

        // tshark's own derivation from each key it saw.
        boolean sawA = false;
        boolean sawB = false;
        for (Map<String, String> row : tshark.rows()) {
            if (!row.containsKey("mptcp.expected_token") || !row.containsKey("tcp.options.mptcp.sendkey")) {
                continue;
            }
            long key = TsharkTable.unsigned(row.get("tcp.options.mptcp.sendkey"));
            int token = (int) Long.parseLong(row.get("mptcp.expected_token"));
            long idsn = TsharkTable.unsigned(row.get("mptcp.expected_idsn"));
            if (key == c.keyA().orElseThrow()) {
                sawA = true;
                assertEquals(token, c.tokenA().orElseThrow());
                assertEquals(idsn, idsnA);
            } else if (key == c.keyB().orElseThrow()) {
                sawB = true;
                assertEquals(token, c.tokenB().orElseThrow());
                assertEquals(idsn, idsnB);
            } else {
                fail("tshark saw a key inspect did not: " + row);
            }
        }
        assertTrue(sawA && sawB, "tshark derived tokens for both keys");

        for (JoinReport j : c.joins()) {
            Map<String, String> syn = row(tshark, j.synFrame());
            assertEquals(String.valueOf(Integer.toUnsignedLong(j.token())), syn.get("tcp.options.mptcp.recvtok"));
            assertEquals(String.valueOf(Integer.toUnsignedLong(j.randA())), syn.get("tcp.options.mptcp.sendrand"));
            assertTrue(tshark.rows().stream().anyMatch(x -> String.valueOf(Integer.toUnsignedLong(j.randB().orElseThrow()))
                    .equals(x.get("tcp.options.mptcp.sendrand")) && x.containsKey("tcp.options.mptcp.sendtrunchmac")),
                    "tshark saw the SYN/ACK with R-B");
            assertEquals(HmacCheck.VALID, j.synAckHmac(), "SYN/ACK HMAC of join in frame " + j.synFrame());
            assertEquals(HmacCheck.VALID, j.ackHmac(), "third-ACK HMAC of join in frame " + j.synFrame());
            assertTrue(j.established(), "join in frame " + j.synFrame() + " established");
            assertEquals(j.token(), c.tokenB().orElseThrow(), "the client joins towards the server's token");
        }
        for (AddAddrReport a : c.addAddrs()) {
            Map<String, String> row = row(tshark, a.frame());
            assertTrue(TsharkTable.values(row, "tcp.options.mptcp.ipv4").contains(Endpoint.format(a.address())), row.toString());
            assertTrue(TsharkTable.values(row, "tcp.options.mptcp.addrid").contains(String.valueOf(a.addrId())));
            assertTrue(row.containsKey("tcp.options.mptcp.addaddrtrunchmac"));
            assertEquals("B", a.sender(), "the server announced");
            assertEquals(HmacCheck.VALID, a.hmac(), "ADD_ADDR in frame " + a.frame());
        }
        assertEquals(0, r.hmacFailures());
        assertEquals(2L * c.joins().size() + c.addAddrs().size(), r.hmacsChecked());
    }

    private static Map<String, String> row(TsharkTable t, long frame) {
        return t.rows().stream().filter(x -> String.valueOf(frame).equals(x.get("frame.number"))).findFirst()
                .orElseThrow(() -> new AssertionError("tshark has no MPTCP frame " + frame
                        + ": frame numbering differs"));
    }

    private static long hex64(JsonNode n) {
        return Long.parseUnsignedLong(n.asText(), 16);
    }

    static Path sibling(Path pcap, String suffix) {
        String name = pcap.getFileName().toString().replaceFirst("\\.pcap$", "");
        return pcap.resolveSibling(name + suffix);
    }

    /** tshark now if installed, else the table the script wrote beside the capture. */
    static TsharkTable tshark(Path pcap) throws Exception {
        Optional<TsharkTable> live = TsharkTable.run(pcap);
        if (live.isPresent()) {
            return live.get();
        }
        Path tsv = sibling(pcap, ".tshark.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(tsv), "tshark not installed and no " + tsv);
        return TsharkTable.read(tsv);
    }

    /** Null when this machine can run the capture script, else the reason it cannot. */
    static String whyKernelCaptureCannotRun() throws InterruptedException {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return "not Linux";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not running as root";
        }
        for (String tool : new String[] {"ip", "dumpcap", "python3"}) {
            if (!TsharkTable.onPath(tool)) {
                return tool + " not on PATH";
            }
        }
        try {
            if (!"1".equals(Files.readString(Path.of("/proc/sys/net/mptcp/enabled")).trim())) {
                return "MPTCP disabled (/proc/sys/net/mptcp/enabled)";
            }
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "`ip netns` does not work here";
            }
        } catch (IOException e) {
            return "cannot check MPTCP / ip netns: " + e.getMessage();
        }
        return null;
    }

    static void runScript(Path outDir) throws IOException, InterruptedException {
        Path script = moduleDir().resolve("scripts/kernel-capture.sh");
        Process p = new ProcessBuilder("bash", script.toString(), outDir.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroy();
            fail("kernel-capture.sh did not finish in 180 s:\n" + log);
        }
        assertEquals(0, p.exitValue(), "kernel-capture.sh failed:\n" + log);
    }
}
