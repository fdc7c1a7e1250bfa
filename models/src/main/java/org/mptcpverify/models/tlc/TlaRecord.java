package org.mptcpverify.models.tlc;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a flat TLA+ record of strings as TLC prints it, e.g. {@code [action |-> "Join", client |-> "c1"]}. */
public final class TlaRecord {
    private static final Pattern RECORD = Pattern.compile("^\\[(.*)]$");
    private static final Pattern FIELD = Pattern.compile("\\s*(\\w+)\\s*\\|->\\s*\"([^\"]*)\"\\s*(,|$)");

    private TlaRecord() {
    }

    public static Map<String, String> parse(String text) {
        Matcher r = RECORD.matcher(text.strip());
        if (!r.matches()) {
            throw new IllegalArgumentException("not a TLA+ record: " + text);
        }
        Map<String, String> fields = new TreeMap<>();
        String body = r.group(1);
        Matcher f = FIELD.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!f.find(at) || f.start() != at) {
                throw new IllegalArgumentException("not a flat record of strings: " + text);
            }
            fields.put(f.group(1), f.group(2));
            at = f.end();
        }
        return fields;
    }
}
