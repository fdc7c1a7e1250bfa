package org.mptcpverify.matrix;

/** Text for LaTeX: every special character escaped, one character at a time. */
public final class Latex {
    private Latex() {}

    /** Escapes {@code s}; '<' and '>' are left alone (they are glyphs of the typewriter font used for names and values). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '{', '}', '_', '&', '%', '$', '#' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
