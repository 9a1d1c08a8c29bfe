package dev.sessionplugin.core.descriptor;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How a source's files are written ({@code csv:} under a source); the same options on every target.
 *
 * @param delimiter       the field separator, one character
 * @param quote           the quote character, one character (a quote inside a quoted field is doubled)
 * @param nullString      the text that means NULL; null for the engine's default (an empty field)
 * @param header          whether the first line names the columns (then it is checked against them)
 * @param dateFormat      how DATE values are written, in strftime form ({@code %d/%m/%Y}); null for ISO
 * @param timestampFormat how TIMESTAMP values are written, in strftime form; null for ISO
 * @param encoding        {@code utf-8}, {@code utf-16} or {@code latin-1}
 */
public record CsvFormat(String delimiter, String quote, String nullString, boolean header, String dateFormat,
                        String timestampFormat, String encoding) {

    public static final CsvFormat DEFAULT = new CsvFormat(",", "\"", null, true, null, null, "utf-8");

    /** The encodings both engines read, with the Java charset used to check the header. */
    public static final Map<String, Charset> ENCODINGS = Map.of("utf-8", StandardCharsets.UTF_8,
            "utf-16", StandardCharsets.UTF_16, "latin-1", StandardCharsets.ISO_8859_1);

    public Charset charset() {
        return ENCODINGS.get(encoding);
    }
}
