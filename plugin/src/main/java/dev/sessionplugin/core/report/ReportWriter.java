package dev.sessionplugin.core.report;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a run's report for machines: {@code run_results.json}, and one {@code TEST-session.<model>.xml} per model
 * or source in the Surefire schema, so CI servers list data checks like unit tests.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(RunReport report, Path dir, String project, String pluginVersion) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("run_results.json").toFile(), results(report, project, pluginVersion));
            Map<String, List<CheckResult>> bySubject = new TreeMap<>();
            for (CheckResult c : report.checks()) {
                bySubject.computeIfAbsent(c.subject(), k -> new ArrayList<>()).add(c);
            }
            Map<String, List<RunReport.Declared>> skipped = new TreeMap<>();
            for (RunReport.Declared d : report.notRun()) {
                skipped.computeIfAbsent(d.subject(), k -> new ArrayList<>()).add(d);
                bySubject.computeIfAbsent(d.subject(), k -> new ArrayList<>());
            }
            for (var entry : bySubject.entrySet()) {
                try (Writer out = Files.newBufferedWriter(dir.resolve("TEST-session." + entry.getKey() + ".xml"),
                        StandardCharsets.UTF_8)) {
                    junit(entry.getKey(), entry.getValue(), skipped.getOrDefault(entry.getKey(), List.of()),
                            report::skipReason, out);
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw SessionException.io(Location.of(dir.toString()), "cannot write the run report: " + e.getMessage(),
                    "check that the build directory is writable", e);
        }
    }

    static Map<String, Object> results(RunReport report, String project, String pluginVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plugin_version", pluginVersion);
        root.put("project", project);
        root.put("goal", report.goal());
        root.put("target", report.target());
        root.put("selection", report.selection());
        root.put("started_at", report.started().toString());
        root.put("finished_at", report.finished().toString());
        root.put("status", report.succeeded() ? "success" : "failure");
        root.put("failure", report.failure());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepResult s : report.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.step());
            m.put("subject", s.subject());
            m.put("status", s.status().name().toLowerCase(Locale.ROOT));
            m.put("rows", s.rows());
            Instant end = report.finishedAt(s);
            m.put("started_at", end == null ? null : end.minusMillis(s.millis()).toString());
            m.put("finished_at", end == null ? null : end.toString());
            m.put("duration_ms", s.millis());
            m.put("query_id", s.queryId());
            m.put("detail", s.detail());
            m.put("statement_file", s.statementFile());
            steps.add(m);
        }
        root.put("steps", steps);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", c.subject());
            m.put("name", c.name());
            m.put("type", c.type());
            m.put("severity", c.severity().name().toLowerCase(Locale.ROOT));
            m.put("status", c.status().name().toLowerCase(Locale.ROOT));
            m.put("failing_rows", c.failing());
            m.put("sample", stringify(c.sample()));
            m.put("audit_table", c.auditTable());
            m.put("duration_ms", c.millis());
            m.put("statement_file", c.statementFile());
            checks.add(m);
        }
        root.put("checks", checks);
        root.put("statements", report.statements().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file());
            m.put("step", s.step());
            m.put("subject", s.subject());
            m.put("status", s.ok() ? "ok" : "failed");
            m.put("query_id", s.queryId());
            m.put("duration_ms", s.millis());
            return m;
        }).toList());
        root.put("checks_not_run", report.notRun().stream().map(d -> Map.of("subject", d.subject(), "name", d.name(),
                "type", d.type(), "status", "skipped", "reason", report.skipReason(d))).toList());
        return root;
    }

    static void junit(String subject, List<CheckResult> checks, List<RunReport.Declared> skipped,
                      java.util.function.Function<RunReport.Declared, String> reason, Writer out)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        long failures = checks.stream().filter(c -> c.status() == CheckStatus.FAILED).count();
        long millis = checks.stream().mapToLong(CheckResult::millis).sum();
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "session." + subject);
        xml.writeAttribute("tests", String.valueOf(checks.size() + skipped.size()));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", String.valueOf(skipped.size()));
        xml.writeAttribute("time", seconds(millis));
        for (CheckResult c : checks) {
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", "session." + subject);
            xml.writeAttribute("name", c.name());
            xml.writeAttribute("time", seconds(c.millis()));
            if (c.status() == CheckStatus.FAILED) {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", c.describe());
                xml.writeAttribute("type", c.type());
                xml.writeCharacters(details(c));
                xml.writeEndElement();
            } else if (c.status() == CheckStatus.WARNED) {
                xml.writeStartElement("system-out");
                xml.writeCharacters("WARN " + details(c));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        for (RunReport.Declared d : skipped) {
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", "session." + subject);
            xml.writeAttribute("name", d.name());
            xml.writeAttribute("time", "0");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", reason.apply(d));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    private static String details(CheckResult c) {
        StringBuilder text = new StringBuilder(c.describe()).append('\n');
        text.append("failing rows: ").append(c.failing()).append('\n');
        text.append("all failing rows: ").append(c.auditTable()).append('\n');
        text.append("statement: ").append(c.statementFile()).append('\n');
        for (Map<String, Object> row : c.sample()) {
            text.append("  ").append(row).append('\n');
        }
        return text.toString();
    }

    private static List<Map<String, String>> stringify(List<Map<String, Object>> rows) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            row.forEach((k, v) -> m.put(k, v == null ? null : v.toString()));
            out.add(m);
        }
        return out;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
