package dev.castnet.cli;

import dev.castnet.dsl.Text;
import dev.castnet.runtime.checkpoint.CheckpointException;
import dev.castnet.runtime.data.DataFormatException;
import dev.castnet.runtime.kernel.DenseKernels;
import dev.castnet.runtime.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code castnet}: check, generate, train, evaluate and search networks described in .nn files; run the chapter's experiments. */
@Command(name = "castnet", mixinStandardHelpOptions = true, version = "castnet 0.1.0",
        description = "Generates specialized, allocation-free training code from .nn network specs and trains it.",
        subcommands = {CheckCommand.class, GenerateCommand.class, TrainCommand.class, EvalCommand.class, CompressCommand.class,
                SearchCommand.class, ExperimentsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: check, generate, train, eval, compress, search or experiments");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        String badSetting = kernelSettingsError();
        if (badSetting != null) {
            System.err.println("castnet: " + Text.printable(badSetting));
            return 2;
        }
        return commandLine().execute(args);
    }

    /**
     * What is wrong with the kernels' {@code -Dcastnet.*} properties (given through {@code JAVA_OPTS}), or null: read
     * before any command runs, so a bad value is one line naming the property instead of an error from the middle of
     * a training run.
     */
    static String kernelSettingsError() {
        try {
            DenseKernels.threads(); // initializes the kernels, which read and check their properties
            return null;
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof IllegalArgumentException bad) return bad.getMessage();
            throw e;
        }
    }

    /** The configured command line: one-line errors with the usage, user errors without stack traces. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            // one line of error, then the usage of the command that was wrong
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("castnet: " + Text.printable(ex.getMessage()));
            cmd.usage(cmd.getErr());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof UserError u) {
                // messages quote file names, cells and arguments: their control bytes are shown, not obeyed
                cmd.getErr().println("castnet: " + Text.printable(u.getMessage()));
                if (u.exitCode() == 2) cmd.usage(cmd.getErr()); // a wrong argument: show what is right
                return u.exitCode();
            }
            if (ex instanceof DataFormatException || ex instanceof CheckpointException
                    || ex instanceof TrainingDivergedException || ex instanceof IllegalArgumentException
                    || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof ClusterSearch.Failure) {
                // problems with the user's files, data, settings or cluster: the message says what and where
                cmd.getErr().println("castnet " + cmd.getCommandName() + ": " + Text.printable(String.valueOf(ex.getMessage())));
                return 1;
            }
            throw ex;
        });
        return cl;
    }
}
