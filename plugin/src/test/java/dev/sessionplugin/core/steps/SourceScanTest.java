package dev.sessionplugin.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.descriptor.CsvFormat;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.extract.LocalFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source whose files only grew gets its new bytes appended; anything else it cannot prove loads whole. */
class SourceScanTest {

    @TempDir
    Path dir;

    SourceSpec source = source(CsvFormat.DEFAULT, "VARCHAR");
    Path a;
    SourceScan before;

    static SourceSpec source(CsvFormat csv, String type) {
        return new SourceSpec("s", "data/", "*.csv", "s_table", List.of(new SourceSpec.ColumnSpec("id", type)),
                List.of(), csv, null);
    }

    @BeforeEach
    void loaded() throws Exception {
        a = Files.writeString(dir.resolve("a.csv"), "id\n1\n2\n");
        before = scan(source, List.of(a), null);
    }

    SourceScan scan(SourceSpec s, List<Path> files, SourceScan recorded) {
        return SourceScan.of(s, files.stream().map(p -> new LocalFile(s, p, p.getFileName().toString())).toList(),
                recorded == null ? null : recorded.extents(), recorded == null ? null : recorded.fingerprint());
    }

    @Test
    void aGrownFileAppendsFromWhereTheLoadedBytesEnd() throws Exception {
        Files.writeString(a, "3\n", StandardOpenOption.APPEND);
        SourceScan now = scan(source, List.of(a), before);
        assertTrue(now.appends());
        assertEquals(1, now.tails().size());
        assertEquals(7, now.tails().get(0).from());
        assertEquals(Fingerprints.ofSource(source, List.of(new LocalFile(source, a, "a.csv"))), now.fingerprint(),
                "the fingerprint is the whole files', as a full load would record it");
    }

    @Test
    void aNewFileBesideTheLoadedOnesIsAppendedWhole() throws Exception {
        Path b = Files.writeString(dir.resolve("b.csv"), "id\n9\n");
        SourceScan now = scan(source, List.of(a, b), before);
        assertTrue(now.appends());
        assertEquals(List.of(b), now.tails().stream().map(t -> t.file().path()).toList());
        assertEquals(0, now.tails().get(0).from());
    }

    @Test
    void anUnchangedFileHasNothingToAppend() {
        SourceScan now = scan(source, List.of(a), before);
        assertTrue(now.appends());
        assertEquals(List.of(), now.tails());
    }

    @Test
    void whatCannotBeShownToOnlyHaveGrownLoadsWhole() throws Exception {
        Files.writeString(a, "id\n1\n5\n3\n");
        assertNull(scan(source, List.of(a), before).tails(), "a loaded byte changed");

        Files.writeString(a, "id\n1\n");
        assertNull(scan(source, List.of(a), before).tails(), "the file shrank");

        Path b = Files.writeString(dir.resolve("b.csv"), "id\n1\n2");
        SourceScan noBreak = scan(source, List.of(b), null);
        Files.writeString(b, "3\n", StandardOpenOption.APPEND);
        assertNull(scan(source, List.of(b), noBreak).tails(), "the loaded bytes ended inside a line: '23' is one row");

        Files.writeString(a, "id\n1\n2\n3\n");
        assertNull(scan(source(CsvFormat.DEFAULT, "INTEGER"), List.of(a), before).tails(),
                "the declared columns changed");
        assertNull(scan(source, List.of(dir.resolve("b.csv")), before).tails(), "another file in the first place");
        assertNull(scan(source, List.of(a), null).tails(), "nothing recorded");
        assertNull(scan(source, List.of(a), new SourceScan(before.fingerprint(), "|3:1", null)).tails(),
                "extents that do not give back the recorded fingerprint");
    }

    @Test
    void utf16FilesAreLoadedWhole() throws Exception {
        CsvFormat utf16 = new CsvFormat(",", "\"", null, true, null, null, "utf-16");
        SourceSpec wide = source(utf16, "VARCHAR");
        SourceScan first = scan(wide, List.of(a), null);
        Files.writeString(a, "3\n", StandardOpenOption.APPEND);
        assertNull(scan(wide, List.of(a), first).tails(), "a line break is two bytes there");
    }
}
