package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code persona neighbors users <user_id>}: the most similar users (GetSimilarUsers). */
@Command(name = "users", description = "Prints the most similar users to a user (GetSimilarUsers).")
public final class NeighborsUsersCommand extends NeighborListCommand {

    @Parameters(paramLabel = "<user_id>", description = "The user's id.")
    String userId;

    public NeighborsUsersCommand() {
        super(Entity.ENTITY_USER);
    }

    @Override
    String id() {
        return userId;
    }
}
