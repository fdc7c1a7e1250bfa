package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.pcap.PcapWriter;

/** `mptcp-verify inspect`: exit codes 0 / 1 / 2 and the --json contract, on the committed kernel capture. */
class InspectCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static Path captures() {
        String root = System.getProperty("mptcp.repoRoot", "..");
        return Path.of(root, "java-reference", "src", "test", "resources", "captures");
    }

    private static final Path CAPTURE = captures().resolve("kernel-capture.pcap");

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void kernelCaptureVerifiesWithExitZeroAndTheJsonContract() throws Exception {
        CliRun r = run("inspect", CAPTURE.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("connections", "notes", "attackerFrames"), names(root));
        assertEquals(0, root.get("attackerFrames").size(), "a kernel capture by tcpdump carries no attacker marks");
        JsonNode c = root.get("connections").get(0);
        assertEquals(List.of("firstFrame", "version", "keyA", "keyB", "tokenA", "tokenB", "idsnA", "idsnB", "joins", "addAddrs", "options"),
                names(c));
        assertEquals(1, c.get("version").asInt());
        for (String f : List.of("keyA", "keyB", "idsnA", "idsnB")) {
            assertTrue(c.get(f).asText().matches("[0-9a-f]{16}"), f + " = " + c.get(f));
        }
        for (String f : List.of("tokenA", "tokenB")) {
            assertTrue(c.get(f).asText().matches("[0-9a-f]{8}"), f + " = " + c.get(f));
        }
        JsonNode j = c.get("joins").get(0);
        assertEquals(List.of("synFrame", "token", "randA", "randB", "synAckHmacValid", "ackHmacValid", "established",
                "notChecked", "attackerSent"), names(j));
        assertTrue(j.get("synAckHmacValid").asBoolean() && j.get("ackHmacValid").asBoolean()
                && j.get("established").asBoolean());
        JsonNode a = c.get("addAddrs").get(0);
        assertEquals(List.of("frame", "sender", "addrId", "address", "port", "hmacValid", "notChecked", "attackerMarked"), names(a));
        assertEquals("10.0.2.2", a.get("address").asText());
        assertTrue(a.get("port").isNull());
        assertTrue(a.get("hmacValid").asBoolean());
        // Same input, same bytes.
        assertEquals(r.out(), run("inspect", CAPTURE.toString(), "--json").out());
    }

    @Test
    void textReportIsOneBlockPerConnection() {
        CliRun r = run("inspect", CAPTURE.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("connection 1: MPTCP v1"), r.out());
        assertFalse(r.out().contains("connection 2"), r.out());
        assertTrue(r.out().contains("HMACs recomputed, all verify"), r.out());
    }

    @Test
    void flippedHmacByteIsExitOne() throws Exception {
        // The ADD_ADDR's HMAC as tshark printed it (decimal), located in the file and flipped.
        List<String> lines = Files.readAllLines(captures().resolve("kernel-capture.tshark.tsv"));
        int col = Arrays.asList(lines.get(0).split("\t", -1)).indexOf("tcp.options.mptcp.addaddrtrunchmac");
        String hmac = lines.stream().skip(1).map(l -> l.split("\t", -1)[col]).filter(v -> !v.isEmpty())
                .findFirst().orElseThrow();
        byte[] value = ByteBuffer.allocate(8).putLong(Long.parseUnsignedLong(hmac)).array();
        byte[] file = Files.readAllBytes(CAPTURE);
        int at = -1;
        for (int i = 0; i + 8 <= file.length; i++) {
            if (Arrays.equals(file, i, i + 8, value, 0, 8)) {
                at = i;
            }
        }
        assertTrue(at > 0);
        file[at + 3] ^= 0x10;
        Path bad = Files.write(dir.resolve("tampered.pcap"), file);
        CliRun r = run("inspect", bad.toString(), "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).at("/connections/0/addAddrs/0/hmacValid").isBoolean());
        assertFalse(new ObjectMapper().readTree(r.out()).at("/connections/0/addAddrs/0/hmacValid").asBoolean());
        CliRun t = run("inspect", bad.toString());
        assertEquals(1, t.code());
        assertTrue(t.out().contains("FAILED: 1 of"), t.out());
    }

    @Test
    void truncatedFileIsExitTwoNamingFileAndOffset() throws Exception {
        byte[] file = Files.readAllBytes(CAPTURE);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(file, file.length - 5));
        CliRun r = run("inspect", cut.toString(), "--json");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.size(), r.err());
        assertTrue(err.get(0).contains(cut.toString()) && err.get(0).matches(".*byte offset \\d+: truncated.*"),
                err.get(0));
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void nonPcapAndMissingFilesAreExitTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a capture\n");
        CliRun r = run("inspect", text.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(text.toString()) && r.err().contains("byte offset 0"), r.err());
        CliRun m = run("inspect", dir.resolve("nope.pcap").toString());
        assertEquals(2, m.code());
        assertTrue(m.err().contains("nope.pcap"), m.err());
        assertEquals(2, run("inspect").code(), "FILE is required");
    }

    /** Issue #16.4 and .8: files that are not captures to read whole end in one line and exit 2, at once. */
    @Test
    void pipesDevicesHugeFilesAndEmptyPathsAreRefusedWithOneLine() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path huge = dir.resolve("huge.pcap");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(InspectCommand.MAX_BYTES + 1); // sparse: costs no disk
        }
        for (String[] c : new String[][] {{fifo.toString(), "not a regular file"}, {"/dev/zero", "not a regular file"},
                {huge.toString(), "more than the"}, {"", "empty path"}, {dir.toString(), "is a folder"}}) {
            CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), // a blocked read hangs; a loaded machine is slow
                    () -> run("inspect", c[0]));
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void subcommandVersionIsPrinted() {
        CliRun r = run("inspect", "-V");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("mptcp-verify "), "[" + r.out() + "]");
    }

    @Test
    void captureWithoutMptcpIsAnEmptyListAndExitZero() throws Exception {
        // One plain TCP SYN, no options.
        byte[] syn = new byte[40];
        syn[0] = 0x45;
        syn[3] = 40;
        syn[8] = 64;
        syn[9] = 6;
        syn[12] = 10; syn[15] = 1;
        syn[16] = 10; syn[19] = 2;
        syn[21] = 80;
        syn[32] = 0x50;
        syn[33] = 0x02;
        Path f = dir.resolve("plain.pcap");
        PcapWriter.writeRawIp(f, List.of(syn), 0, 0);
        CliRun r = run("inspect", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, new ObjectMapper().readTree(r.out()).get("connections").size());
    }

    @Test
    void helpNamesTheExitCodes() {
        CliRun r = run("inspect", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--json"));
        assertTrue(r.out().contains("1") && r.out().contains("fails verification"), r.out());
    }

    /** Bad --scheme / --key values: one line on stderr naming the problem, exit 2. */
    @Test
    void badSchemeOrKeyIsExitTwoWithOneLine() {
        String pcap = CAPTURE.toString();
        String paaschKey = "00".repeat(32);
        List<List<String>> bad = List.of(
                List.of("inspect", "--key", paaschKey, pcap),
                List.of("inspect", "--scheme", "no-such-scheme", pcap),
                List.of("inspect", "--scheme", "thesis-xor", "--key", "12ab", pcap),
                List.of("inspect", "--scheme", "thesis-xor", "--key", "123456789", pcap),
                List.of("inspect", "--scheme", "draft-paasch", "--key", "A=" + paaschKey.substring(2), pcap),
                List.of("inspect", "--scheme", "draft-paasch", "--key", "C=" + paaschKey, pcap),
                List.of("inspect", "--scheme", "rfc8684", "--key", paaschKey, pcap));
        for (List<String> args : bad) {
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.out());
            assertEquals(1, r.err().lines().count(), args + ": " + r.err());
        }
        CliRun ok = run("inspect", "--scheme", "draft-paasch", "--key", "A=" + paaschKey, "--key", "B=" + paaschKey, pcap);
        assertTrue(ok.code() == 0 || ok.code() == 1, ok.err());
    }

    /** A draft-paasch capture read without its key: the join values are "not checked", never INVALID. */
    @Test
    void externalKeyValuesWithoutTheKeyAreNotCheckedNotInvalid() {
        Path pcap = org.mptcpverify.matrix.Versions.repoRoot()
                .resolve("counterexamples/draft-paasch/syn-join-rewrite/traces.pcap");
        for (List<String> args : List.of(List.of("inspect", pcap.toString()),
                List.of("inspect", "--scheme", "draft-paasch", pcap.toString()))) {
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), args + ": " + r.out());
            assertFalse(r.out().contains("INVALID"), r.out());
            assertTrue(r.out().contains("not checked: "), r.out());
        }
        CliRun keyed = run("inspect", "--scheme", "draft-paasch", pcap.toString());
        assertTrue(keyed.out().contains("give --key A=VALUE"), keyed.out());
    }
}
