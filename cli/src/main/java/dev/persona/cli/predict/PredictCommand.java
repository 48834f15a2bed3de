package dev.persona.cli.predict;

import dev.persona.cli.recommend.PredictRatingCommand;
import picocli.CommandLine.Command;

/** {@code persona predict ...}: rating prediction (recommend-service) and outcome predictors (segment-service). */
@Command(name = "predict",
        description = "Predicts ratings (recommend-service) and outcomes such as churn or purchase (segment-service).",
        subcommands = {PredictRatingCommand.class, PredictTrainCommand.class, PredictScoreCommand.class})
public final class PredictCommand {
}
