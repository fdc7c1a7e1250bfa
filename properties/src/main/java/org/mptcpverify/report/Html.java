package org.mptcpverify.report;

/** The report's page frame and escaping: one inline style sheet, no scripts, no external resource. */
final class Html {
    static final String STYLE = """
            body{font-family:sans-serif;margin:1.5em;color:#222;max-width:90em}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
            table{border-collapse:collapse;margin:.6em 0}
            th,td{border:1px solid #bbb;padding:.25em .5em;vertical-align:top;font-size:.9em}
            th.attack{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
            td.cell{text-align:center;white-space:nowrap}
            .v-VIOLATED{background:#f8d7d3}.v-HOLDS{background:#d9f0d9}
            .v-NOT_APPLICABLE{background:#eeeeee;color:#666}.v-INCONCLUSIVE{background:#fdf1c7}.v-VACUOUS{background:#f3e0f7}
            .disagree{background:#b22222;color:white;font-weight:bold}
            .engines{font-size:.75em;color:#444}
            code,pre{font-family:monospace;font-size:.9em}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}
            .chart{overflow-x:auto;border:1px solid #ddd;margin:.5em 0}
            dl.bounds{margin:0}dl.bounds dt{font-weight:bold;display:inline}dl.bounds dd{display:inline;margin:0 .8em 0 .2em}
            """;

    private Html() {}

    static String page(String title, String up, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + (up == null ? "" : "<p><a href=\"" + up + "\">&larr; matrix</a></p>\n")
                + body + "</body>\n</html>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
