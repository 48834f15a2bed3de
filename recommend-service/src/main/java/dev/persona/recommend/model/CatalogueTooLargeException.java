package dev.persona.recommend.model;

/** EASE refused a catalogue larger than its configured limit. */
public final class CatalogueTooLargeException extends IllegalArgumentException {

    private final int items;
    private final int maxItems;

    CatalogueTooLargeException(int items, int maxItems) {
        super(String.format(java.util.Locale.ROOT,
                "EASE refuses %,d items: the limit is %,d. EASE holds two dense items × items matrices (%,d MB in "
                        + "double precision here) and inverts one in time cubic in the number of items; raise the "
                        + "limit if the memory and time are acceptable, or train implicit ALS instead",
                items, maxItems, 2L * items * items * Double.BYTES / 1_000_000));
        this.items = items;
        this.maxItems = maxItems;
    }

    /** The catalogue size that was refused. */
    public int items() {
        return items;
    }

    /** The limit it exceeded. */
    public int maxItems() {
        return maxItems;
    }
}
