package org.mptcpverify.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mptcp-verify} command line. Exit codes everywhere: 0 success, 1 the thing checked
 * failed, 2 bad usage or bad input (one line saying what and where), 3 inconclusive, 4 internal
 * error (one line asking for a report, the stack trace in a log file; docs/reliability.md).
 */
@Command(name = "mptcp-verify", mixinStandardHelpOptions = true, version = "mptcp-verify 0.1.0",
        description = "Formal-model and generated-trace verification of MPTCP subflow authentication.",
        subcommands = {
                MatrixCommand.class,
                InspectCommand.class,
                CheckCommand.class,
                SweepCommand.class,
                SweepsCommand.class,
                MergeCommand.class,
                ResultsCommand.class,
                AlloyColumnCommand.class,
                KernelAttackCommand.class,
                ReplayCommand.class,
                MutantsCommand.class,
                ChartCommand.class,
                ReportCommand.class,
                ListCommand.class,
                HmacRateCommand.class,
                ProveCommand.class,
                org.mptcpverify.traces.TracesCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INCONCLUSIVE = 3;
    public static final int EXIT_INTERNAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        ChildProcesses.endAllOnShutdown();
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // picocli prints an empty line for `SUB -V` unless every subcommand has the version too
        String[] version = cl.getCommandSpec().version();
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(version));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserInputException u) {
                cmd.getErr().println("mptcp-verify: " + u.getMessage());
                return EXIT_USAGE;
            }
            return InternalFailure.report(ex, cmd.getErr());
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("mptcp-verify: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        try {
            return cl.execute(args);
        } catch (Throwable t) { // picocli passes Errors (OutOfMemoryError, StackOverflowError) through
            return InternalFailure.report(t, cl.getErr());
        }
    }
}
