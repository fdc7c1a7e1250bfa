package org.mptcpverify.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output folder option before any work starts, so a bad path costs nothing and overwrites nothing. */
final class OutputFolder {
    private OutputFolder() {}

    static Path prepare(Path out, String option) {
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(option + ": " + out + " exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException(option + ": cannot create folder " + out + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new UserInputException(option + ": folder " + out + " is not writable");
        }
        return dir;
    }
}
