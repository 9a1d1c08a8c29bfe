package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;

import java.util.List;

/** A CSV dataset to load into a staging table, e.g. {@code user_session_channel}. */
public record SourceSpec(String name, String uri, String table, List<ColumnSpec> columns, List<CheckSpec> checks,
                         Location location) {

    /** A column of the staging table, in file order, with the engine type it loads as. */
    public record ColumnSpec(String name, String type) {
    }
}
