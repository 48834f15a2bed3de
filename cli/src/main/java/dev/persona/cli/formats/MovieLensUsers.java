package dev.persona.cli.formats;

import dev.persona.api.v1.User;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.Fields;

/** Users of MovieLens: ml-100k u.user and ml-1m users.dat. */
public final class MovieLensUsers {

    private MovieLensUsers() {
    }

    /** ml-100k u.user: {@code id|age|gender|occupation|zip}. */
    public static User parse100k(String line) throws BadLineException {
        String[] f = Fields.split(line, "|", 5, "'|'");
        return user(f[0], f[1], f[2], f[3], f[4]);
    }

    /** ml-1m users.dat: {@code UserID::Gender::Age::Occupation::Zip-code} (age and occupation are codes there). */
    public static User parse1m(String line) throws BadLineException {
        String[] f = Fields.split(line, "::", 5, "'::'");
        return user(f[0], f[2], f[1], f[3], f[4]);
    }

    private static User user(String id, String age, String gender, String occupation, String zip)
            throws BadLineException {
        return User.newBuilder()
                .setUserId(Fields.id(id, "user id"))
                .putAttributes("age", age.trim())
                .putAttributes("gender", gender.trim())
                .putAttributes("occupation", occupation.trim())
                .putAttributes("zip", zip.trim())
                .build();
    }
}
