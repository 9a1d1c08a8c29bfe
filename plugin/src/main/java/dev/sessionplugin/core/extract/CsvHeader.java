package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.SourceSpec.ColumnSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a CSV's header line with the declared columns before loading. The engine loads by position, so a
 * missing, extra or reordered column would otherwise load into the wrong column or fail with a vaguer message.
 * Only the first line is read; the engine parses the data.
 */
public final class CsvHeader {

    private CsvHeader() {
    }

    public static void verify(LocalFile file) {
        if (!file.source().csv().header()) {
            return; // no header line to compare: columns load by position
        }
        String header;
        try (BufferedReader reader = Files.newBufferedReader(file.path(), file.source().csv().charset())) {
            header = reader.readLine();
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.display()), "cannot read: " + e.getMessage(), null, e);
        }
        SourceSpec source = file.source();
        compare(file, header == null || header.isBlank() ? List.of() : split(header.startsWith("\uFEFF")
                ? header.substring(1) : header, source.csv().delimiter().charAt(0), source.csv().quote().charAt(0)));
    }

    /** Fails with the file's first line when its column names are not the declared ones, in order. */
    public static void compare(LocalFile file, List<String> found) {
        SourceSpec source = file.source();
        List<String> declared = source.columns().stream().map(ColumnSpec::name).toList();
        if (found.isEmpty()) {
            throw SessionException.data(Location.of(file.display(), 1), "the file is empty (no header row)",
                    "the first line must name the columns: " + String.join(",", declared));
        }
        boolean same = found.size() == declared.size();
        for (int i = 0; same && i < found.size(); i++) {
            same = found.get(i).equalsIgnoreCase(declared.get(i));
        }
        if (!same) {
            throw SessionException.data(Location.of(file.display(), 1), "header " + found + " does not match the "
                    + "columns of source '" + source.name() + "' " + declared, "fix the file's header, or the "
                    + "columns of '" + source.name() + "' in pipeline.yaml (same names, same order)");
        }
    }

    private static List<String> split(String line, char delimiter, char quote) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == quote) {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
