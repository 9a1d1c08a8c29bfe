package dev.sessionplugin.core.snowflake.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV as Snowflake's CSV file format reads it: FIELD_DELIMITER, FIELD_OPTIONALLY_ENCLOSED_BY (a doubled quote is
 * one quote), ESCAPE_UNENCLOSED_FIELD (a backslash by default: it escapes the next character of an unquoted field;
 * NONE keeps it), CRLF as a line end, SKIP_HEADER lines skipped. Each field knows its line and character.
 */
final class CsvRecords {

    record Field(String value, boolean quoted, int character) {
    }

    record Record(long line, List<Field> fields) {
    }

    private CsvRecords() {
    }

    static List<Record> parse(String text, Map<String, String> options, int skipHeader) {
        char delimiter = single(options.getOrDefault("FIELD_DELIMITER", "','"), ',');
        char quote = single(options.getOrDefault("FIELD_OPTIONALLY_ENCLOSED_BY", "NONE"), '\0');
        char escape = single(options.getOrDefault("ESCAPE_UNENCLOSED_FIELD", "'\\\\'"), '\0');
        List<Record> records = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        long line = 1;
        long recordLine = 1;
        int lineStart = 0;
        int fieldStart = 0;
        boolean quoted = false;
        boolean inQuotes = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    inQuotes = false;
                } else {
                    if (c == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    value.append(c);
                }
                i++;
                continue;
            }
            if (c == quote && value.isEmpty() && !quoted) {
                inQuotes = true;
                quoted = true;
            } else if (c == escape && escape != '\0' && i + 1 < text.length()) {
                value.append(text.charAt(i + 1));
                i++;
            } else if (c == delimiter) {
                fields.add(new Field(value.toString(), quoted, fieldStart - lineStart + 1));
                value.setLength(0);
                quoted = false;
                fieldStart = i + 1;
            } else if (c == '\n' || c == '\r') {
                fields.add(new Field(value.toString(), quoted, fieldStart - lineStart + 1));
                if (!(fields.size() == 1 && fields.get(0).value().isEmpty() && !quoted)) {
                    records.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                value.setLength(0);
                quoted = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
                lineStart = i + 1;
                fieldStart = i + 1;
            } else {
                value.append(c);
            }
            i++;
        }
        if (!value.isEmpty() || !fields.isEmpty() || quoted) {
            fields.add(new Field(value.toString(), quoted, fieldStart - lineStart + 1));
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records.subList(Math.min(skipHeader, records.size()), records.size());
    }

    private static char single(String option, char none) {
        String v = unquote(option);
        if (v.equalsIgnoreCase("NONE") || v.isEmpty()) {
            return none;
        }
        return v.equals("\\\\") ? '\\' : v.charAt(0);
    }

    static String unquote(String option) {
        String v = option.trim();
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1)
                .replace("''", "'") : v;
    }
}
