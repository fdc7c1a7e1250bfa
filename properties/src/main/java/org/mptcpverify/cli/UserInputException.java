package org.mptcpverify.cli;

/** Bad input from the user (a file, a name): reported as one line and exit 2, no stack trace. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
