package dev.persona.cli.io;

/** Turns one non-blank line of a data file into a record. */
@FunctionalInterface
public interface LineParser<T> {

    /** The record of the line; throws with a reason a user can act on when the line is malformed. */
    T parse(String line) throws BadLineException;
}
