package dev.sessionplugin.core.snowflake.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a statement answers, as Snowflake's query API shapes it: result columns (name → Snowflake type), rows of
 * text values, and the statement type the driver reads (DDL gives update count 0, DML sums its first row).
 */
public record Result(Map<String, String> columns, List<List<String>> rows, long statementType) {

    static final long SELECT = 0x1000;
    static final long INSERT = 0x3100;
    static final long UPDATE = 0x3200;
    static final long DELETE = 0x3300;
    static final long MERGE = 0x3400;
    static final long COPY = 0x3600;
    static final long ALTER_SESSION = 0x4100;
    static final long LIST = 0x4701;
    static final long TCL = 0x5000;
    static final long DDL = 0x6000;

    public static Result rows(Map<String, String> columns, List<List<String>> rows) {
        return new Result(columns, rows, SELECT);
    }

    public static Result count(long n) {
        return rows(columns("COUNT(*)", "fixed"), List.of(List.of(String.valueOf(n))));
    }

    static Result status(String text, long type) {
        return new Result(columns("status", "text"), List.of(List.of(text)), type);
    }

    static Result dml(long type, String column, long n) {
        return new Result(columns(column, "fixed"), List.of(List.of(String.valueOf(n))), type);
    }

    /** Columns in order: name, type, name, type, ... */
    public static Map<String, String> columns(String... nameType) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            columns.put(nameType[i], nameType[i + 1]);
        }
        return columns;
    }

    /** One row of values that may hold nulls. */
    static List<String> row(String... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }
}
