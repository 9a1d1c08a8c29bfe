package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;

import java.util.List;

/**
 * A CSV dataset to load into a staging table, e.g. {@code user_session_channel}.
 *
 * @param uri     a file (relative to the project), an {@code s3://bucket/key}, or a folder / S3 prefix ending in '/'
 * @param pattern for a folder or prefix: which file names to load (a glob such as {@code part-*.csv})
 * @param csv     how the files are written (delimiter, quote, null text, header, date formats, encoding)
 */
public record SourceSpec(String name, String uri, String pattern, String table, List<ColumnSpec> columns,
                         List<CheckSpec> checks, CsvFormat csv, Location location) {

    /** A column of the staging table, in file order, with the engine type it loads as. */
    public record ColumnSpec(String name, String type) {
    }
}
