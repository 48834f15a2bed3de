package dev.persona.cli.demo;

/**
 * The size and seed of a demo data set.
 *
 * @param users   number of users, 1 to {@value #MAX_USERS}
 * @param items   number of films, 1 to {@value #MAX_ITEMS}
 * @param ratings number of ratings, at most half of all user-film pairs (each pair is rated at most once)
 * @param seed    the same seed gives the same files
 */
public record DemoSettings(int users, int items, int ratings, long seed) {

    static final int MAX_USERS = 1_000_000;
    static final int MAX_ITEMS = 100_000;

    public DemoSettings {
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be 1 to " + MAX_USERS + ", got " + users);
        }
        if (items < 1 || items > MAX_ITEMS) {
            throw new IllegalArgumentException("items must be 1 to " + MAX_ITEMS + ", got " + items);
        }
        if ((long) users * items > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("users x items must stay below " + Integer.MAX_VALUE);
        }
        // Half the pairs at most, so that drawing an unrated pair at random stays quick.
        if (ratings < 0 || ratings > (long) users * items / 2) {
            throw new IllegalArgumentException("ratings must be 0 to users x items / 2 = "
                    + (long) users * items / 2 + ", got " + ratings);
        }
    }
}
