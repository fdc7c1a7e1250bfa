package org.mptcpverify.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mptcpverify.inspect.InspectReport;
import org.mptcpverify.inspect.Keying;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.inspect.Inspector;
import org.mptcpverify.inspect.ReportJson;
import org.mptcpverify.inspect.ReportText;
import org.mptcpverify.pcap.PcapFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Decodes and verifies the MPTCP handshakes of a real capture with the reference codec and crypto. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {
                "Read a pcap or pcapng capture (Ethernet, raw IP, Linux cooked v1/v2, BSD loopback), decode every MPTCP "
                        + "option with the reference codec, group segments into MPTCP connections and subflows "
                        + "(A = the side that sent the connection's first SYN), recompute tokens and IDSNs from "
                        + "the keys seen (hash from the MP_CAPABLE version), and verify each join's SYN/ACK and "
                        + "third-ACK HMACs and each ADD_ADDR HMAC (v1; v0 has none).",
                "",
                "With --scheme S, every value is checked as scheme S's receiver checks it, with S run from its "
                        + "definition (models/schemes, docs/scheme-definitions.md): join token fields (thesis XOR, bound-key tickets), "
                        + "join HMACs, ADD_ADDR authenticators, MP_FASTCLOSE and NEW_KEY values, bound-key "
                        + "confirm-A / confirm-B. --key gives the external key of side A (client), B (server) or, "
                        + "without a side, both: the thesis schemes take the decimal string written to sin_zero, "
                        + "the others the key in hex. A check that needs a key not given is reported as not "
                        + "checked, with the reason, never as INVALID.",
                "",
                "In --json, hex is lower case without 0x; null means not seen or not checkable (a key "
                        + "missing from the capture, no ADD_ADDR HMAC in v0, no port sent). In a join, randA is "
                        + "the random of the join's initiator (the SYN sender) and randB the responder's; "
                        + "established means the responder answered the third ACK with a non-reset segment. "
                        + "ADD_ADDR echoes are not listed (they carry no HMAC)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every HMAC that could be recomputed verifies (also: no MPTCP in the capture)",
                "1:at least one HMAC in the capture fails verification",
                "2:bad usage, or the file is missing, truncated, corrupt or not pcap/pcapng "
                        + "(one line naming the file and byte offset)"})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the capture file (pcap or pcapng)")
    Path file;

    @Option(names = "--json", description = "print the machine-readable report instead of the text one")
    boolean json;

    @Option(names = "--scheme", paramLabel = "S", description = "read the capture under scheme S (docs/schemes.md)")
    String scheme;

    @Option(names = "--key", paramLabel = "[A|B=]VALUE",
            description = "external key of side A, side B, or both (repeatable; needs --scheme)")
    java.util.List<String> keys = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    /** The scheme and keys given, or null (RFC derivations only); bad values are one-line usage errors. */
    private Keying keying() {
        if (scheme == null) {
            if (!keys.isEmpty()) {
                throw new UserInputException("--key needs --scheme: the key's format and use depend on the scheme");
            }
            return null;
        }
        SchemeId id = SchemeId.byName(scheme).orElseThrow(() -> new UserInputException("unknown scheme '" + scheme
                + "'; one of " + java.util.Arrays.stream(SchemeId.values()).map(SchemeId::wireName).toList()));
        DefinedScheme s;
        try {
            s = Keying.scheme(id);
        } catch (IllegalStateException e) { // the definitions are read from the repository (models/schemes)
            throw new UserInputException("--scheme " + scheme + ": " + e.getMessage());
        }
        KeySetting a = KeySetting.none();
        KeySetting b = KeySetting.none();
        for (String k : keys) {
            String side = k.length() > 1 && k.charAt(1) == '=' ? k.substring(0, 1) : "";
            String value = side.isEmpty() ? k : k.substring(2);
            if (!side.isEmpty() && !side.equals("A") && !side.equals("B")) {
                throw new UserInputException("--key " + k + ": the side is A or B");
            }
            KeySetting parsed;
            try {
                parsed = Keying.parseKey(s, value);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--key: " + e.getMessage());
            }
            if (!side.equals("B")) {
                a = parsed;
            }
            if (!side.equals("A")) {
                b = parsed;
            }
        }
        return new Keying(s, a, b);
    }

    /**
     * The reader holds the whole capture in memory (a Java array, so below 2 GiB in any case);
     * past this the capture is refused rather than risking the heap.
     */
    static final long MAX_BYTES = 256L << 20;

    @Override
    public Integer call() {
        InspectReport report;
        try {
            Keying keying = keying();
            checkReadable(file);
            report = Inspector.inspect(file, keying);
        } catch (PcapFormatException e) {
            throw new UserInputException(e.getMessage());
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + IoReason.of(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ReportJson.format(report) : ReportText.format(report));
        out.flush();
        return report.hmacFailures() > 0 ? Main.EXIT_FAILED : Main.EXIT_OK;
    }

    /** Refuses before reading: a FIFO or device would block or never end, a huge file would exhaust the heap. */
    private static void checkReadable(Path file) throws IOException {
        if (file.toString().isEmpty()) {
            throw new UserInputException("FILE: empty path (give a pcap or pcapng file)");
        }
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a folder, not a capture file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": not a regular file (a pipe or device cannot be inspected; save the capture to a file first)");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new UserInputException(file + ": " + size + " bytes, more than the " + MAX_BYTES
                    + " inspect reads (split it, e.g. editcap -c 1000000)");
        }
    }
}
