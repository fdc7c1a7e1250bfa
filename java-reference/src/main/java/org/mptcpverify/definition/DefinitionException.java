package org.mptcpverify.definition;

/** A scheme definition that cannot be used; the message is one line, {@code file:line: problem}. */
public final class DefinitionException extends Exception {
    public DefinitionException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
