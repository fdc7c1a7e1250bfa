package org.mptcpverify.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The verdict matrix: every (scheme, attack) cell with every engine. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Run every (scheme, attack) cell with every engine and print the verdict matrix.")
public final class MatrixCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("no engines yet");
        return Main.EXIT_OK;
    }
}
