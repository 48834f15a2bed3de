package dev.persona.cli.recommend;

import dev.persona.api.v1.Filter;
import dev.persona.cli.CliException;
import java.util.List;
import picocli.CommandLine.Option;

/** Which items may be recommended: the Filter of Recommend and RecommendSimilarItems (a picocli mixin). */
public final class FilterOptions {

    private static final int MAX_CATEGORIES = 1_000;
    private static final int MAX_EXCLUDED_ITEMS = 10_000;

    @Option(names = "--include-seen",
            description = "Also items the user already interacted with (default: they are left out).")
    boolean includeSeen;

    @Option(names = "--category", paramLabel = "<category>",
            description = "Only items of this category; repeat for several.")
    List<String> categories;

    @Option(names = "--exclude-category", paramLabel = "<category>",
            description = "No item of this category; repeat for several.")
    List<String> excludeCategories;

    @Option(names = "--exclude-item", paramLabel = "<item_id>", description = "Not this item; repeat for several.")
    List<String> excludeItems;

    @Option(names = "--min-price", paramLabel = "<price>", defaultValue = "0",
            description = "Lowest price, 0 or more; 0 for no lower bound (default: ${DEFAULT-VALUE}).")
    double minPrice;

    @Option(names = "--max-price", paramLabel = "<price>", defaultValue = "0",
            description = "Highest price, 0 or more; 0 for no upper bound (default: ${DEFAULT-VALUE}).")
    double maxPrice;

    @Option(names = "--max-per-category", paramLabel = "<n>", defaultValue = "0",
            description = "At most n items of one category; 0 for no cap (default: ${DEFAULT-VALUE}).")
    int maxPerCategory;

    /** The filter, once the options are checked as recommend-service would check them. */
    public Filter filter() {
        List<String> only = nonBlank("--category", categories, MAX_CATEGORIES);
        List<String> notCategories = nonBlank("--exclude-category", excludeCategories, MAX_CATEGORIES);
        List<String> notItems = nonBlank("--exclude-item", excludeItems, MAX_EXCLUDED_ITEMS);
        checkPrice("--min-price", minPrice);
        checkPrice("--max-price", maxPrice);
        if (maxPrice > 0 && minPrice > maxPrice) {
            throw CliException.usage("--min-price " + minPrice + " is above --max-price " + maxPrice);
        }
        if (maxPerCategory < 0) {
            throw CliException.usage("--max-per-category must be 0 or more, got " + maxPerCategory);
        }
        return Filter.newBuilder()
                .setIncludeSeen(includeSeen)
                .addAllCategories(only)
                .addAllExcludeCategories(notCategories)
                .addAllExcludeItemIds(notItems)
                .setMinPrice(minPrice)
                .setMaxPrice(maxPrice)
                .setMaxPerCategory(maxPerCategory)
                .build();
    }

    private static List<String> nonBlank(String option, List<String> values, int max) {
        List<String> given = values == null ? List.of() : values;
        if (given.stream().anyMatch(String::isBlank)) {
            throw CliException.usage(option + " must not be empty");
        }
        if (given.size() > max) {
            throw CliException.usage(option + " may be given at most " + max + " times, got " + given.size());
        }
        return given;
    }

    private static void checkPrice(String option, double price) {
        if (!Double.isFinite(price) || price < 0) {
            throw CliException.usage(option + " must be a finite number, 0 or more, got " + price);
        }
    }
}
