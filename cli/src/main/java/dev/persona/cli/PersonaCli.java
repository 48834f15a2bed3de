package dev.persona.cli;

import dev.persona.cli.audience.AudienceCommand;
import dev.persona.cli.bench.BenchCommand;
import dev.persona.cli.demo.DemoCommand;
import dev.persona.cli.eval.EvalCommand;
import dev.persona.cli.imports.ImportCommand;
import dev.persona.cli.models.ModelsCommand;
import dev.persona.cli.neighbors.NeighborsCommand;
import dev.persona.cli.predict.PredictCommand;
import dev.persona.cli.recommend.RankCommand;
import dev.persona.cli.recommend.RecommendCommand;
import dev.persona.cli.recommend.SimilarItemsCommand;
import dev.persona.cli.recommend.StrategyMetricsCommand;
import dev.persona.cli.security.SecurityCommand;
import dev.persona.cli.security.TokenCommand;
import dev.persona.cli.segments.SegmentsCommand;
import dev.persona.cli.tenants.TenantsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code persona} command: imports data sets, prints profiles, builds and reads neighbour lists, recommends,
 * segments customers, predicts outcomes, selects audiences, generates demo data, runs benchmarks and evaluations, as
 * a gRPC client of profile-service, similarity-service, recommend-service and segment-service; every call carries a
 * bearer token (see {@link ConnectionOptions}), and {@code token} and {@code security init} mint local development
 * tokens. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "persona", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "persona 0.1.0",
        description = "Persona: personalization platform for marketing.",
        subcommands = {ImportCommand.class, ProfileCommand.class, EventCommand.class, NeighborsCommand.class, RecommendCommand.class,
                SimilarItemsCommand.class, RankCommand.class, StrategyMetricsCommand.class, PredictCommand.class, SegmentsCommand.class, ModelsCommand.class,
                AudienceCommand.class, AuditCommand.class, TenantsCommand.class, DemoCommand.class, TokenCommand.class, SecurityCommand.class,
                BenchCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class PersonaCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting the JVM, printing to System.out and System.err; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Same as {@link #execute(String...)}, printing to the given writers (for tests that read the output). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new PersonaCli()).setExecutionExceptionHandler(new ErrorReporter());
    }
}
