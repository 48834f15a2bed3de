package dev.persona.cli.formats;

import dev.persona.api.v1.Item;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.Fields;
import dev.persona.cli.io.LineParser;
import java.util.ArrayList;
import java.util.List;

/** Films of MovieLens: ml-100k u.item and ml-1m movies.dat. Genres become tags, the first genre the category. */
public final class MovieLensItems {

    /** id, title, release date, video release date, IMDb URL; then one flag per genre. */
    private static final int ML_100K_LEADING_FIELDS = 5;

    private MovieLensItems() {
    }

    /** ml-100k u.item: {@code id|title|release date|video release date|IMDb URL|flag...}, a 0/1 flag per genre. */
    public static LineParser<Item> parser100k(List<String> genres) {
        List<String> names = List.copyOf(genres);
        return line -> {
            String[] f = Fields.split(line, "|", ML_100K_LEADING_FIELDS + names.size(), "'|'");
            List<String> tags = new ArrayList<>();
            for (int g = 0; g < names.size(); g++) {
                String flag = f[ML_100K_LEADING_FIELDS + g].trim();
                if (flag.equals("1")) {
                    tags.add(names.get(g));
                } else if (!flag.equals("0")) {
                    throw new BadLineException("genre flag '" + names.get(g) + "' is '" + flag + "', expected 0 or 1");
                }
            }
            Item.Builder item = item(f[0], f[1], tags);
            if (!f[2].isBlank()) {
                item.putAttributes("release_date", f[2].trim());
            }
            return item.build();
        };
    }

    /** ml-1m movies.dat: {@code MovieID::Title::Genres} with genres separated by '|'. */
    public static Item parse1m(String line) throws BadLineException {
        // Split at the first and last separator, so that a "::" inside a title cannot shift the fields.
        int first = line.indexOf("::");
        int last = line.lastIndexOf("::");
        if (first < 0 || first == last) {
            throw new BadLineException("expected 3 fields separated by '::'");
        }
        List<String> tags = new ArrayList<>();
        for (String genre : Fields.split(line.substring(last + 2), "|")) {
            if (!genre.isBlank()) {
                tags.add(genre.trim());
            }
        }
        return item(line.substring(0, first), line.substring(first + 2, last), tags).build();
    }

    private static Item.Builder item(String id, String title, List<String> tags) throws BadLineException {
        return Item.newBuilder()
                .setItemId(Fields.id(id, "movie id"))
                .setTitle(title.trim())
                .addAllTags(tags)
                .setCategory(tags.isEmpty() ? "" : tags.get(0))
                .setActive(true);
    }
}
