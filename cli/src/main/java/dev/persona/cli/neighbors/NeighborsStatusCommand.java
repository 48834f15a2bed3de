package dev.persona.cli.neighbors;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.NeighborsStatus;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.SimilarityConnection;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code persona neighbors status}: the serving generation of each entity and metric (GetNeighborsStatus). */
@Command(name = "status",
        description = "Prints the neighbour lists per entity and metric: generation, size, lag (GetNeighborsStatus).")
public final class NeighborsStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        List<NeighborsStatus> statuses;
        try (SimilarityConnection similarity = SimilarityConnection.open(connection.similaritySettings())) {
            statuses = similarity.unary().getNeighborsStatus(GetNeighborsStatusRequest.getDefaultInstance())
                    .getStatusesList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (statuses.isEmpty()) {
            out.println("no neighbour lists built yet");
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("entity", "metric", "generation", "built_at", "entities", "k",
                "events_behind", "building").alignRight(2, 4, 5, 6);
        for (NeighborsStatus s : statuses) {
            table.row(NeighborNames.of(s.getEntity()), NeighborNames.of(s.getMetric()), s.getGeneration(),
                    s.hasBuiltAt() ? Timestamps.toString(s.getBuiltAt()) : "-", s.getEntities(), s.getK(),
                    s.getEventsBehind() < 0 ? "unknown" : s.getEventsBehind(), s.getBuilding() ? "yes" : "no");
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
