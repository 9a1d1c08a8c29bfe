package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.WrittenFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each statement to {@code target/session/rendered/} before it runs, so an error can point at the SQL. */
public final class RenderedFiles {

    /** Marks the start of each statement in the journal. */
    public static final String JOURNAL_MARK = "-- statement: ";

    private final Path dir;
    private final String display;
    private final java.util.List<Sql> journal = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final java.util.List<Sent> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** A statement that ran (or failed) on the engine, with the engine's id for it where it gives one. */
    public record Sent(String file, String step, String subject, String queryId, long millis, boolean ok) {
    }

    private final boolean eachStatement;
    /** Per subject (model, source, ...), its statements in order, written in bulk with the journal; null: off. */
    private final java.util.Map<String, StringBuilder> bySubject;

    /** @param display how the folder is shown to the user, e.g. {@code target/session/rendered} */
    public RenderedFiles(Path dir, String display) {
        this(dir, display, true, false);
    }

    private RenderedFiles(Path dir, String display, boolean eachStatement, boolean bySubject) {
        this.dir = dir;
        this.display = display;
        this.eachStatement = eachStatement;
        this.bySubject = bySubject ? new java.util.LinkedHashMap<>() : null;
    }

    /** Files for many quick statements (compile): each is journaled, and written only when asked ({@link #document}). */
    public static RenderedFiles onRequest(Path dir, String display) {
        return new RenderedFiles(dir, display, false, false);
    }

    /**
     * What session:render writes: one file per model or source ({@code <subject>.sql}) holding its statements in
     * the order a run sends them, each under a {@link #JOURNAL_MARK} line naming it, plus the journal; all
     * written at the end in bulk. A file per statement cost 12 files per model (120,000 for 10,000 models).
     */
    public static RenderedFiles bySubject(Path dir, String display) {
        return new RenderedFiles(dir, display, false, true);
    }

    /** Writes a statement that is about to be sent, and notes it in the journal. */
    public String write(Sql sql) {
        journal.add(sql);
        return eachStatement || bySubject != null ? document(sql) : displayOf(sql);
    }

    /** Writes a statement for the reader only (e.g. a check's bare query); it is not sent, so not journaled. */
    public String document(Sql sql) {
        if (bySubject != null) {
            synchronized (bySubject) {
                bySubject.computeIfAbsent(sql.subject(), k -> new StringBuilder()).append(JOURNAL_MARK)
                        .append(sql.relativePath()).append('\n').append(sql.text()).append(";\n");
            }
            return displayOf(sql);
        }
        Path file = dir.resolve(sql.relativePath());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql.text() + ";\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SessionException.io(Location.of(display), "cannot write rendered SQL: " + e.getMessage(),
                    "check that the build directory is writable", e);
        }
        return displayOf(sql);
    }

    /**
     * Writes {@code journal.sql} (every statement of the run in the order it was sent) and, {@link #bySubject}, each subject's file; a file that provably holds its text
     * already is left alone ({@link WrittenFiles}).
     *
     * @param only whether the folder then holds only these files (a render shows exactly its own statements)
     */
    public void writeJournal(boolean only) {
        StringBuilder text = new StringBuilder();
        synchronized (journal) {
            for (Sql sql : journal) {
                text.append(JOURNAL_MARK).append(sql.relativePath()).append('\n').append(sql.text()).append(";\n");
            }
        }
        try {
            Files.createDirectories(dir);
            WrittenFiles written = WrittenFiles.in(dir);
            written.write("journal.sql", text.toString());
            if (bySubject != null) {
                synchronized (bySubject) { // a check's file is under its model's folder
                    bySubject.entrySet().parallelStream().forEach(subject ->
                            written.write(subject.getKey() + ".sql", subject.getValue().toString()));
                }
            }
            written.save();
            if (only) {
                written.removeOthers();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw SessionException.io(Location.of(display), "cannot write the statement journal: " + e.getMessage(),
                    "check that the build directory is writable", e);
        }
    }

    /** Notes that {@code sql} ran: what {@code run_results.json} lists under {@code statements}. */
    public void ran(Sql sql, String queryId, long millis, boolean ok) {
        sent.add(new Sent(sql.relativePath(), sql.step(), sql.subject(), queryId, millis, ok));
    }

    public java.util.List<Sent> sent() {
        synchronized (sent) {
            return java.util.List.copyOf(sent);
        }
    }

    /** Where a reader finds one statement: its file and, in a file of many, the mark it stands under. */
    public String whereIs(Sql sql) {
        return displayOf(sql) + (bySubject != null ? " (under '" + JOURNAL_MARK + sql.relativePath() + "')" : "");
    }

    public String displayOf(Sql sql) {
        return display + "/" + (bySubject != null ? sql.subject() + ".sql" : sql.relativePath());
    }

    /**
     * One statement of a file written {@link #bySubject}: the text under its mark, without the final ';', or null.
     *
     * @param statement the statement's path as the journal names it, e.g. {@code ctas/m.ctas_shadow.sql}
     */
    public static String statementIn(String subjectFile, String statement) {
        String mark = JOURNAL_MARK + statement + "\n";
        int at = subjectFile.indexOf(mark);
        if (at < 0) {
            return null;
        }
        int end = subjectFile.indexOf("\n" + JOURNAL_MARK, at + mark.length());
        String text = subjectFile.substring(at + mark.length(), end < 0 ? subjectFile.length() : end).stripTrailing();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }
}
