package dev.sessionplugin.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;
import dev.sessionplugin.core.descriptor.Severity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesSurefireXmlAndRunResultsThatParseBack() throws Exception {
        List<String> lines = new ArrayList<>();
        RunReport report = new RunReport("test", "duckdb", "", new Progress() {
            public void info(String line) {
                lines.add(line);
            }

            public void warn(String line) {
                lines.add(line);
            }
        });
        report.step(new StepResult("ctas", "m", StepResult.Status.OK, 42, 10, null, "ctas/m.sql"));
        report.check(new CheckResult("m", "unique_id", "unique", Severity.ERROR, CheckStatus.FAILED, 2,
                List.of(Map.of("id", "a<&>\"b")), "audit.m__unique_id", 5, "test/m.unique_id.sql"));
        report.check(new CheckResult("m", "not_null_id", "not_null", Severity.WARN, CheckStatus.WARNED, 1,
                List.of(), "audit.m__not_null_id", 5, "test/m.not_null_id.sql"));
        report.check(new CheckResult("m", "row_count", "row_count", Severity.ERROR, CheckStatus.PASSED, 0,
                List.of(), "audit.m__row_count", 5, "test/m.row_count.sql"));
        report.finish("1 check(s) failed");
        ReportWriter.write(report, dir, "p", "1.0");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("TEST-session.m.xml").toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("2 failing rows, e.g. {id=a<&>\"b}"),
                failure.getAttribute("message"));
        assertEquals(3, xml.getElementsByTagName("testcase").getLength());

        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("run_results.json")));
        assertEquals("failure", json.get("status").asText());
        assertEquals(42, json.get("steps").get(0).get("rows").asLong());
        assertEquals("failed", json.get("checks").get(0).get("status").asText());
        assertEquals(2, json.get("checks").get(0).get("failing_rows").asLong());
        List<String> summary = report.summary();
        assertTrue(summary.get(summary.size() - 1).startsWith("checks: 1 passed, 1 warned, 1 failed; FAILED"),
                summary.toString());
        assertTrue(summary.get(2).matches("m +\\| OK 42 0.01 s +\\| FAILED 1 of 3 checks.*"), summary.get(2));
    }
}
