package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Neighbor;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.SimilarityConnection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The neighbour list of one item or user as a table: rank, id, score, support; then the generation. */
abstract class NeighborListCommand implements Callable<Integer> {

    private final Entity entity;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricOption metric;

    @Option(names = "--k", paramLabel = "<k>", defaultValue = "10",
            description = "Neighbours to show, 1 to " + BuildOptions.MAX_K + " (default: ${DEFAULT-VALUE}).")
    int k;

    NeighborListCommand(Entity entity) {
        this.entity = entity;
    }

    /** The id given on the command line. */
    abstract String id();

    @Override
    public Integer call() {
        if (k < 1 || k > BuildOptions.MAX_K) {
            throw CliException.usage("--k must be 1 to " + BuildOptions.MAX_K + ", got " + k);
        }
        NeighborList list;
        try (SimilarityConnection similarity = SimilarityConnection.open(connection.similaritySettings())) {
            list = NeighborList.fetch(similarity.unary(), entity, id(), k, metric.metric());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (list.neighbors().isEmpty()) {
            out.println("no neighbours");
        } else {
            TextTable table = new TextTable("rank", "id", "score", "support").alignRight(0, 2, 3);
            int rank = 0;
            for (Neighbor neighbor : list.neighbors()) {
                table.row(++rank, neighbor.getId(), String.format(Locale.ROOT, "%.4f", neighbor.getScore()),
                        neighbor.getSupport());
            }
            table.print(out);
        }
        out.println("generation " + list.generation());
        return ExitCodes.OK;
    }
}
