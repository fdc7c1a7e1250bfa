package org.mptcpverify.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --force} option of every command that writes into an {@link OutputFolder}, mixed in
 * with picocli's {@code @Mixin} so that its name and help text are declared once.
 */
public final class ForceOption {
    @Option(names = "--force", description = "Write into --out even if it holds files no mptcp-verify run wrote (they are left, or overwritten where names clash).")
    boolean force;

    /** Claims the folder given with {@code --out}, refusing foreign files unless {@code --force}. */
    public OutputFolder claim(Path out) {
        return OutputFolder.claim(out, "--out", force);
    }
}
