package dev.persona.cli.eval;

import picocli.CommandLine.Command;

/** {@code persona eval churn telco|retail}: churn predictors through segment-service against published figures. */
@Command(name = "churn", description = "Evaluates churn predictors (decision tree, logistic regression) through "
        + "segment-service.", subcommands = {ChurnTelcoEvalCommand.class, ChurnRetailEvalCommand.class})
public final class ChurnEvalCommand {
}
