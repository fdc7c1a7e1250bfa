package org.mptcpverify.models.tlc;

/**
 * One message of TLC's {@code -tool} output: {@code @!@!@STARTMSG code:severity @!@!@}, text,
 * {@code @!@!@ENDMSG code @!@!@}. Severity 1 is an error, 4 a trace state.
 */
public record TlcMessage(int code, int severity, String text) {
    public static final int INVARIANT_VIOLATED = 2110;
    /** An invariant already false in an initial state; the message carries that state. */
    public static final int INVARIANT_VIOLATED_INITIAL = 2107;
    public static final int BEHAVIOR_HEADER = 2121;
    public static final int TRACE_STATE = 2217;
    public static final int STARTING = 2185;
    public static final int FINISHED = 2186;
    public static final int SUCCESS = 2193;
    public static final int STATS = 2199;
    public static final int DEPTH = 2194;
    public static final int SEVERITY_ERROR = 1;
}
