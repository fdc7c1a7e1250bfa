package org.mptcpverify.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An ordinary Linux MPTCP application (python3, IPPROTO_MPTCP) running in one namespace of a
 * {@link Topology}. It reports events as JSON lines, kept here in arrival order.
 */
public final class MptcpApp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = loadScript();

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final List<JsonNode> events = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();

    private MptcpApp(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread t = new Thread(this::pumpEvents, "app-" + name);
        t.setDaemon(true);
        t.start();
        Thread e = new Thread(this::pumpStderr, "app-err-" + name);
        e.setDaemon(true);
        e.start();
    }

    /**
     * The system's python3 when there is one: a version-manager shim (pyenv) on PATH is a shell
     * script whose start-up takes seconds on a loaded machine, longer than a step's timeout.
     */
    static final String PYTHON = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3"))
            ? "/usr/bin/python3" : "python3";

    public static MptcpApp server(Topology topo, int port) throws IOException {
        return new MptcpApp("server", topo.spawn(topo.server(),
                List.of(PYTHON, "-u", "-c", SCRIPT, "server", Integer.toString(port))));
    }

    /** A server accepting any number of connections (events carry a "conn" number). */
    public static MptcpApp multiServer(Topology topo, int port) throws IOException {
        return new MptcpApp("server", topo.spawn(topo.server(),
                List.of(PYTHON, "-u", "-c", SCRIPT, "multi", Integer.toString(port))));
    }

    public static MptcpApp client(Topology topo, String serverAddress, int port) throws IOException {
        return new MptcpApp("client", topo.spawn(topo.client(),
                List.of(PYTHON, "-u", "-c", SCRIPT, "client", serverAddress, Integer.toString(port))));
    }

    private void pumpEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException notJson) {
                    node = JSON.createObjectNode().put("event", "unparsed").put("line", line);
                }
                synchronized (events) {
                    events.add(node);
                    events.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        synchronized (events) {
            events.add(JSON.createObjectNode().put("event", "exited"));
            events.notifyAll();
        }
    }

    private void pumpStderr() {
        try (InputStream in = process.getErrorStream()) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            synchronized (stderr) {
                stderr.append(s);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Sends one command line ("send HEX", "info", "close", "quit"). */
    public void command(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " app is gone: " + stderr(), e);
        }
    }

    public void send(byte[] data) {
        command("send " + java.util.HexFormat.of().formatHex(data));
    }

    /** The first event (from the start) matching {@code p}, waiting up to {@code timeoutMs}. */
    public Optional<JsonNode> await(Predicate<JsonNode> p, long timeoutMs) {
        return awaitFrom(0, p, timeoutMs);
    }

    /** The first event at index {@code from} or later matching {@code p}. */
    public Optional<JsonNode> awaitFrom(int from, Predicate<JsonNode> p, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (events) {
            int i = from;
            while (true) {
                for (; i < events.size(); i++) {
                    if (p.test(events.get(i))) {
                        return Optional.of(events.get(i));
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Waits for the next event named {@code event} after those already seen. */
    public Optional<JsonNode> awaitNext(String event, long timeoutMs) {
        return awaitFrom(eventCount(), e -> event.equals(e.path("event").asText()), timeoutMs);
    }

    public Optional<JsonNode> awaitEvent(String event, long timeoutMs) {
        return await(e -> event.equals(e.path("event").asText()), timeoutMs);
    }

    /**
     * Sends an info command ({@code "info"}, or {@code "info N"} to a multi server) and returns the
     * MPTCP_INFO object of the reply, if one comes within {@code timeoutMs}.
     */
    public Optional<JsonNode> info(String command, long timeoutMs) {
        int mark = eventCount();
        command(command);
        return awaitFrom(mark, e -> "info".equals(e.path("event").asText()), timeoutMs).map(e -> e.path("info"));
    }

    public int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** All bytes the application read from its socket so far, in order. */
    public byte[] received() {
        var out = new java.io.ByteArrayOutputStream();
        for (JsonNode e : events()) {
            if ("data".equals(e.path("event").asText())) {
                out.writeBytes(java.util.HexFormat.of().parseHex(e.path("hex").asText()));
            }
        }
        return out.toByteArray();
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private static String loadScript() {
        try (InputStream in = MptcpApp.class.getResourceAsStream("mptcp_app.py")) {
            if (in == null) {
                throw new IllegalStateException("resource mptcp_app.py missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
