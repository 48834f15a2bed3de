package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code persona neighbors items <item_id>}: the most similar items (GetSimilarItems). */
@Command(name = "items", description = "Prints the most similar items to an item (GetSimilarItems).")
public final class NeighborsItemsCommand extends NeighborListCommand {

    @Parameters(paramLabel = "<item_id>", description = "The item's id.")
    String itemId;

    public NeighborsItemsCommand() {
        super(Entity.ENTITY_ITEM);
    }

    @Override
    String id() {
        return itemId;
    }
}
