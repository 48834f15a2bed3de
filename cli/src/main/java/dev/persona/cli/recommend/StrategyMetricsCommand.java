package dev.persona.cli.recommend;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.GetStrategyMetricsRequest;
import dev.persona.api.v1.GetStrategyMetricsResponse;
import dev.persona.api.v1.StrategyMetrics;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.RecommendConnection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code persona strategy-metrics}: what each strategy achieved online (GetStrategyMetrics). */
@Command(name = "strategy-metrics",
        description = {"Prints what each strategy achieved online (GetStrategyMetrics).",
                "Per strategy: lists served, items shown, clicks and purchases attributed through the "
                + "recommendation id (once per list and item), click-through and conversion rates, revenue."})
public final class StrategyMetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--since", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Start of the window (inclusive), " + InstantOption.FORMATS + "; default: the beginning.")
    Timestamp since;

    @Option(names = "--until", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "End of the window (exclusive); default: now.")
    Timestamp until;

    @Override
    public Integer call() {
        GetStrategyMetricsRequest.Builder request = GetStrategyMetricsRequest.newBuilder();
        if (since != null) {
            request.setSince(since);
        }
        if (until != null) {
            request.setUntil(until);
        }
        GetStrategyMetricsResponse response;
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
            response = recommend.unary().getStrategyMetrics(request.build());
        }
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("strategy", "served", "items", "clicks", "purchases", "ctr", "conversion",
                "revenue").alignRight(1, 2, 3, 4, 5, 6, 7);
        for (StrategyMetrics m : response.getStrategiesList()) {
            table.row(StrategyNames.of(m.getStrategy()), m.getServed(), m.getItemsServed(), m.getClicks(),
                    m.getPurchases(), String.format(Locale.ROOT, "%.4f", m.getClickThroughRate()),
                    String.format(Locale.ROOT, "%.4f", m.getConversionRate()),
                    String.format(Locale.ROOT, "%.2f", m.getRevenue()));
        }
        table.print(out);
        out.println("window " + (response.hasSince() ? InstantOption.format(response.getSince()) : "beginning")
                + " to " + InstantOption.format(response.getUntil()));
        return ExitCodes.OK;
    }
}
