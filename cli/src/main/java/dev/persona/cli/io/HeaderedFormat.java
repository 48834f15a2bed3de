package dev.persona.cli.io;

/** A format whose first line names the columns, and so decides how the other lines are read. */
@FunctionalInterface
public interface HeaderedFormat<T> {

    /** The parser of the data lines; throws when the header lacks a required column. */
    LineParser<T> fromHeader(String header) throws BadLineException;
}
