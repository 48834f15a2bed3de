package dev.persona.cli.formats;

import dev.persona.api.v1.User;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.Csv;
import dev.persona.cli.io.Fields;
import dev.persona.cli.io.LineParser;
import java.util.List;

/**
 * The IBM Telco customer churn CSV as users: {@code customerID} is the user id, every other column an attribute
 * named as in the header. Values are trimmed; a blank value stays an attribute with an empty value, so that "not
 * stated" remains distinguishable from "column absent".
 */
public final class Telco {

    static final String ID_COLUMN = "customerID";

    private Telco() {
    }

    public static LineParser<User> fromHeader(String headerLine) throws BadLineException {
        List<String> header = Csv.header(headerLine);
        int idColumn = Csv.column(header, ID_COLUMN);
        if (idColumn < 0) {
            throw new BadLineException("no column '" + ID_COLUMN + "' in " + header);
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw new BadLineException("column " + (i + 1) + " has no name");
            }
        }
        return line -> {
            List<String> f = Csv.split(line);
            if (f.size() != header.size()) {
                throw new BadLineException("expected " + header.size() + " comma-separated fields, found " + f.size());
            }
            User.Builder user = User.newBuilder().setUserId(Fields.id(f.get(idColumn), ID_COLUMN));
            for (int i = 0; i < header.size(); i++) {
                if (i != idColumn) {
                    user.putAttributes(header.get(i), f.get(i).trim());
                }
            }
            return user.build();
        };
    }
}
