package org.mptcpverify.models.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses TLC's {@code -tool} output (TLC2 2.18 message codes). */
public final class TlcOutput {
    private static final Pattern START = Pattern.compile("^@!@!@STARTMSG (\\d+):(\\d+) @!@!@$");
    private static final Pattern END = Pattern.compile("^@!@!@ENDMSG (\\d+) @!@!@$");
    private static final Pattern VIOLATED = Pattern.compile("Invariant (\\w+) is violated");
    private static final Pattern DISTINCT = Pattern.compile("(\\d+) distinct states? found");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern STATE_HEADER = Pattern.compile("^(\\d+): (.*)$");

    private TlcOutput() {
    }

    /** The messages in order; text outside messages (SANY's progress lines) is dropped. */
    public static List<TlcMessage> messages(String output) {
        List<TlcMessage> out = new ArrayList<>();
        Integer code = null;
        int severity = 0;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\\R", -1)) {
            Matcher s = START.matcher(line);
            if (code == null && s.matches()) {
                code = Integer.parseInt(s.group(1));
                severity = Integer.parseInt(s.group(2));
                text.setLength(0);
                continue;
            }
            Matcher e = END.matcher(line);
            if (code != null && e.matches() && Integer.parseInt(e.group(1)) == code) {
                out.add(new TlcMessage(code, severity, stripTrailingNewlines(text.toString())));
                code = null;
                continue;
            }
            if (code != null) {
                text.append(line).append('\n');
            }
        }
        return out;
    }

    public static TlcReport parse(String output) {
        List<TlcMessage> msgs = messages(output);
        Optional<String> violated = Optional.empty();
        List<TraceState> trace = new ArrayList<>();
        StringBuilder traceText = new StringBuilder();
        Optional<Long> distinct = Optional.empty();
        Optional<Integer> depth = Optional.empty();
        boolean completed = false;
        List<String> errors = new ArrayList<>();
        for (TlcMessage m : msgs) {
            switch (m.code()) {
                case TlcMessage.INVARIANT_VIOLATED -> {
                    Matcher v = VIOLATED.matcher(m.text());
                    if (v.find() && violated.isEmpty()) {
                        violated = Optional.of(v.group(1));
                        traceText.append(m.text()).append('\n');
                    }
                }
                case TlcMessage.INVARIANT_VIOLATED_INITIAL -> {
                    // no 2121/2217 follow: the violating initial state is the whole trace
                    Matcher v = VIOLATED.matcher(m.text());
                    if (v.find() && violated.isEmpty()) {
                        violated = Optional.of(v.group(1));
                        String[] parts = m.text().split("\n", 2);
                        trace.add(state("1: <Initial predicate>\n" + (parts.length > 1 ? parts[1] : "")));
                        traceText.append(m.text()).append('\n');
                    }
                }
                case TlcMessage.BEHAVIOR_HEADER -> traceText.append(m.text()).append('\n');
                case TlcMessage.TRACE_STATE -> {
                    trace.add(state(m.text()));
                    traceText.append(m.text()).append("\n\n");
                }
                case TlcMessage.STATS -> {
                    Matcher d = DISTINCT.matcher(m.text());
                    if (d.find()) {
                        distinct = Optional.of(Long.parseLong(d.group(1)));
                    }
                }
                case TlcMessage.DEPTH -> {
                    Matcher d = DEPTH.matcher(m.text());
                    if (d.find()) {
                        depth = Optional.of(Integer.parseInt(d.group(1)));
                    }
                }
                case TlcMessage.SUCCESS -> completed = true;
                default -> {
                    if (m.severity() == TlcMessage.SEVERITY_ERROR) {
                        errors.add(m.text());
                    }
                }
            }
        }
        return new TlcReport(violated, List.copyOf(trace), traceText.toString(), distinct, depth,
                completed, List.copyOf(errors));
    }

    /** A 2217 state: "N: header" then conjuncts {@code /\ var = value} (values may span lines). */
    static TraceState state(String text) {
        String[] lines = text.split("\n");
        Matcher h = STATE_HEADER.matcher(lines[0]);
        if (!h.matches()) {
            throw new IllegalArgumentException("not a TLC trace state: " + lines[0]);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("/\\ ")) {
                if (name != null) {
                    vars.put(name, value.toString().strip());
                }
                int eq = line.indexOf(" = ");
                name = line.substring(3, eq).strip();
                value.setLength(0);
                value.append(line.substring(eq + 3));
            } else if (name != null && !line.isBlank()) {
                value.append(' ').append(line.strip());
            }
        }
        if (name != null) {
            vars.put(name, value.toString().strip());
        }
        return new TraceState(Integer.parseInt(h.group(1)), h.group(2), vars);
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }
}
