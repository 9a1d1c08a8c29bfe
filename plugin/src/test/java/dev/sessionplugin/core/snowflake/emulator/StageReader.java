package dev.sessionplugin.core.snowflake.emulator;

import static dev.sessionplugin.core.snowflake.emulator.Account.key;
import static dev.sessionplugin.core.snowflake.emulator.Account.match;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What reads files through a stage: LIST, a SELECT of {@code $n} columns from a staged file, and COPY INTO with
 * Snowflake's answers: one row per loaded file, "0 files processed" when nothing was eligible (missing, or loaded
 * before with the same checksum), and with ABORT_STATEMENT a bad row as an error naming file, line and column.
 */
final class StageReader {

    private static final Pattern OPTION = Pattern.compile(
            "(\\w+)\\s*=\\s*('(?:[^']|'')*'|\\([^)]*\\)|[\\w-]+)", Pattern.CASE_INSENSITIVE);

    private final Account account;

    StageReader(Account account) {
        this.account = account;
    }

    /** LIST '@stage/path': name, size, md5, last_modified of each object under it. */
    Result list(String body) {
        Matcher m = match("LIST\\s+'?@([\\w.]+)(/[^'\\s]*)?'?", body);
        if (m == null) {
            throw new SnowflakeError("001003", "42000", "SQL compilation error:\nsyntax error in " + body);
        }
        List<List<String>> rows = new ArrayList<>();
        for (StageStorage.StoredFile f : account.stored(url(m.group(1), m.group(2)))) {
            rows.add(Result.row(f.url(), String.valueOf(f.bytes().length), f.md5(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            f.lastModified().atZone(java.time.ZoneOffset.UTC))));
        }
        return new Result(Result.columns("name", "text", "size", "fixed", "md5", "text", "last_modified", "text"), rows,
                Result.LIST);
    }

    /** SELECT t.$1 AS c1, ... FROM @stage/file (FILE_FORMAT => 'fmt') t LIMIT n. */
    Result selectFromStage(String body) {
        Matcher m = match("SELECT (.*?)\\s+FROM\\s+'?@([\\w.]+)(/[^'\\s]*)?'?\\s*\\(FILE_FORMAT\\s*=>\\s*'([^']+)'\\)"
                + "\\s*\\w*\\s*(?:LIMIT (\\d+))?", body);
        if (m == null) {
            throw new SnowflakeError("001003", "42000", "SQL compilation error:\nunsupported stage query " + body);
        }
        String format = account.fileFormats.get(key(m.group(4)));
        if (format == null) {
            throw SnowflakeError.doesNotExist(key(m.group(4)));
        }
        Map<String, String> options = options(format);
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        List<Integer> positions = new ArrayList<>();
        Matcher col = Pattern.compile("\\$(\\d+)\\s+AS\\s+(\\w+)", Pattern.CASE_INSENSITIVE).matcher(m.group(1));
        while (col.find()) {
            positions.add(Integer.parseInt(col.group(1)));
            columns.put(col.group(2).toUpperCase(Locale.ROOT), "text");
        }
        int limit = m.group(5) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(5));
        List<List<String>> rows = new ArrayList<>();
        for (StageStorage.StoredFile f : account.stored(url(m.group(2), m.group(3)))) {
            for (CsvRecords.Record r : CsvRecords.parse(decode(f, options), options, skipHeader(options))) {
                if (rows.size() < limit) {
                    List<String> row = new ArrayList<>();
                    positions.forEach(p -> row.add(p <= r.fields().size() ? r.fields().get(p - 1).value() : null));
                    rows.add(row);
                }
            }
        }
        return Result.rows(columns, rows);
    }

    Result copy(Session s, String body) throws SQLException {
        Matcher m = match("COPY INTO (\\S+)\\s+FROM\\s+'?@([\\w.]+)(/[^\\s']*)?'?\\s+(?:FILES\\s*=\\s*\\(([^)]*)\\)\\s+)?"
                + "FILE_FORMAT\\s*=\\s*\\((.*)\\)\\s+ON_ERROR\\s*=\\s*(\\w+)", body);
        if (m == null) {
            throw new SnowflakeError("001003", "42000", "SQL compilation error:\nunsupported COPY " + body);
        }
        String table = m.group(1);
        account.lock(s, List.of(table));
        Account.TableMeta meta = account.tables.get(key(table));
        if (meta == null) {
            throw SnowflakeError.doesNotExist(key(table));
        }
        String prefix = url(m.group(2), m.group(3));
        Map<String, String> options = options(m.group(5));
        List<String> wanted = new ArrayList<>();
        if (m.group(4) != null) {
            Matcher name = Pattern.compile("'([^']*)'").matcher(m.group(4));
            while (name.find()) {
                wanted.add(prefix + name.group(1));
            }
        }
        List<StageStorage.StoredFile> eligible = new ArrayList<>();
        for (StageStorage.StoredFile f : account.stored(prefix)) {
            boolean asked = wanted.isEmpty() || wanted.contains(f.url());
            if (asked && !f.md5().equals(meta.loaded.get(f.url()))) { // load metadata: seen with this checksum
                eligible.add(f);
            }
        }
        if (eligible.isEmpty()) {
            return new Result(Result.columns("status", "text"), List.of(List.of("Copy executed with 0 files processed.")),
                    Result.COPY);
        }
        List<Column> columns = columns(s, table);
        List<List<String>> rows = new ArrayList<>();
        for (StageStorage.StoredFile f : eligible) {
            String name = f.url().substring(prefix.length());
            List<CsvRecords.Record> records = CsvRecords.parse(decode(f, options), options, skipHeader(options));
            long loaded = load(s, table, columns, records, name, options);
            meta.loaded.put(f.url(), f.md5());
            rows.add(Result.row(f.url(), "LOADED", String.valueOf(records.size()), String.valueOf(loaded), "1", "0",
                    null, null, null, null));
        }
        return new Result(Result.columns("file", "text", "status", "text", "rows_parsed", "fixed", "rows_loaded",
                "fixed", "error_limit", "fixed", "errors_seen", "fixed", "first_error", "text", "first_error_line",
                "fixed", "first_error_character", "fixed", "first_error_column_name", "text"), rows, Result.COPY);
    }

    private record Column(String name, String type) {
    }

    private static List<Column> columns(Session s, String table) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = s.engine.prepareStatement("SELECT column_name, data_type FROM "
                + "information_schema.columns WHERE upper(table_schema) = ? AND upper(table_name) = ? "
                + "ORDER BY ordinal_position")) {
            String k = key(table);
            ps.setString(1, k.substring(0, k.indexOf('.')));
            ps.setString(2, Account.bare(k));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** All rows or none (ABORT_STATEMENT): the first bad row is an error with file, line, character, column. */
    private long load(Session s, String table, List<Column> columns, List<CsvRecords.Record> records, String file,
                      Map<String, String> options) throws SQLException {
        boolean strictCount = !"FALSE".equalsIgnoreCase(options.getOrDefault("ERROR_ON_COLUMN_COUNT_MISMATCH", "TRUE"));
        List<String> nullIf = nullIf(options);
        int row = 0;
        for (CsvRecords.Record r : records) {
            row++;
            if (strictCount && r.fields().size() != columns.size()) {
                throw loadError("100080", "Number of columns in file (" + r.fields().size() + ") does not match that of "
                        + "the corresponding table (" + columns.size() + "), use file format option "
                        + "error_on_column_count_mismatch=false to ignore this error", file, r.line(), 1, row, table,
                        columns.get(Math.min(columns.size(), r.fields().size()) - 1).name(), columns.size());
            }
        }
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TEMP TABLE emulator_copy (line BIGINT, rownum BIGINT");
        for (int i = 0; i < columns.size(); i++) {
            ddl.append(", c").append(i).append(" VARCHAR, p").append(i).append(" INTEGER");
        }
        s.run(ddl.append(")").toString());
        String marks = "?, ?" + ", ?, ?".repeat(columns.size());
        try (PreparedStatement ps = s.engine.prepareStatement("INSERT INTO emulator_copy VALUES (" + marks + ")")) {
            int n = 0;
            for (CsvRecords.Record r : records) {
                ps.setLong(1, r.line());
                ps.setLong(2, ++n);
                for (int i = 0; i < columns.size(); i++) {
                    CsvRecords.Field f = i < r.fields().size() ? r.fields().get(i) : null;
                    boolean isNull = f == null || (f.value().isEmpty() && !f.quoted()) || nullIf.contains(f.value());
                    ps.setString(3 + 2 * i, isNull ? null : f.value());
                    ps.setInt(4 + 2 * i, f == null ? 0 : f.character());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.type().equalsIgnoreCase("VARCHAR")) {
                continue;
            }
            try (ResultSet bad = s.engine.createStatement().executeQuery("SELECT line, rownum, c" + i + ", p" + i
                    + " FROM emulator_copy WHERE c" + i + " IS NOT NULL AND TRY_CAST(c" + i + " AS " + c.type()
                    + ") IS NULL ORDER BY line LIMIT 1")) {
                if (bad.next()) {
                    throw loadError(conversionCode(c.type()), kind(c.type()) + " '" + bad.getString(3)
                            + "' is not recognized", file, bad.getLong(1), bad.getInt(4), bad.getLong(2), table,
                            c.name(), i + 1);
                }
            }
        }
        StringBuilder insert = new StringBuilder("INSERT INTO ").append(table).append(" SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            insert.append(i == 0 ? "" : ", ").append("CAST(c").append(i).append(" AS ").append(columns.get(i).type())
                    .append(")");
        }
        try (var st = s.engine.createStatement()) {
            long n = st.executeUpdate(insert.append(" FROM emulator_copy ORDER BY line").toString());
            s.run("DROP TABLE emulator_copy");
            return n;
        }
    }

    private static SnowflakeError loadError(String code, String what, String file, long line, int character, long row,
                                            String table, String column, int position) {
        return new SnowflakeError(code, "22000", what + "\n  File '" + file + "', line " + line + ", character "
                + character + "\n  Row " + row + ", column \"" + Account.bare(key(table)) + "\"[\""
                + column.toUpperCase(Locale.ROOT) + "\":" + position + "]\n  If you would like to continue loading "
                + "when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR "
                + "option. For more information on loading options, please run 'info loading_data' in a SQL client.");
    }

    private static String kind(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.startsWith("TIMESTAMP") ? "Timestamp" : t.equals("DATE") ? "Date" : t.equals("BOOLEAN") ? "Boolean"
                : "Numeric value";
    }

    private static String conversionCode(String type) {
        return switch (kind(type)) {
            case "Timestamp" -> "100035";
            case "Date" -> "100040";
            case "Boolean" -> "100037";
            default -> "100038";
        };
    }

    private String url(String stage, String path) {
        String url = account.stages.get(key(stage));
        if (url == null) {
            throw new SnowflakeError("002003", "02000", "SQL compilation error:\nStage '" + key(stage)
                    + "' does not exist or not authorized.");
        }
        return url + (path == null ? "" : path.substring(1));
    }

    static Map<String, String> options(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            out.put(m.group(1).toUpperCase(Locale.ROOT), m.group(2));
        }
        return out;
    }

    private static int skipHeader(Map<String, String> options) {
        return Integer.parseInt(options.getOrDefault("SKIP_HEADER", "0"));
    }

    private static List<String> nullIf(Map<String, String> options) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'')*)'").matcher(options.getOrDefault("NULL_IF", "('\\\\N')"));
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }

    /** The file's text in the format's encoding; invalid UTF-8 is a load error as on Snowflake. */
    private static String decode(StageStorage.StoredFile f, Map<String, String> options) {
        String encoding = CsvRecords.unquote(options.getOrDefault("ENCODING", "'UTF8'")).toUpperCase(Locale.ROOT);
        Charset charset = encoding.equals("UTF8") || encoding.equals("UTF-8") ? StandardCharsets.UTF_8
                : Charset.forName(encoding);
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(f.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new SnowflakeError("100069", "22P02", "Invalid UTF8 detected in string  File '" + f.name() + "'");
        }
    }
}
