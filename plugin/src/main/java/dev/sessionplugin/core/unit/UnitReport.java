package dev.sessionplugin.core.unit;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** One Surefire-schema file per model, {@code TEST-session-unit.<model>.xml}: a testcase per unit test. */
final class UnitReport {

    private UnitReport() {
    }

    static void write(Path dir, List<UnitTests.Outcome> outcomes) {
        Map<String, List<UnitTests.Outcome>> byModel = new TreeMap<>();
        outcomes.forEach(o -> byModel.computeIfAbsent(o.test().model(), k -> new java.util.ArrayList<>()).add(o));
        try {
            Files.createDirectories(dir);
            for (var entry : byModel.entrySet()) {
                try (Writer out = Files.newBufferedWriter(dir.resolve("TEST-session-unit." + entry.getKey() + ".xml"),
                        StandardCharsets.UTF_8)) {
                    XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
                    List<UnitTests.Outcome> cases = entry.getValue();
                    xml.writeStartDocument("UTF-8", "1.0");
                    xml.writeStartElement("testsuite");
                    xml.writeAttribute("name", "session-unit." + entry.getKey());
                    xml.writeAttribute("tests", String.valueOf(cases.size()));
                    xml.writeAttribute("failures", String.valueOf(cases.stream().filter(o -> !o.passed()).count()));
                    xml.writeAttribute("errors", "0");
                    xml.writeAttribute("skipped", "0");
                    xml.writeAttribute("time", seconds(cases.stream().mapToLong(UnitTests.Outcome::millis).sum()));
                    for (UnitTests.Outcome o : cases) {
                        xml.writeStartElement("testcase");
                        xml.writeAttribute("name", o.test().name());
                        xml.writeAttribute("classname", "session-unit." + entry.getKey());
                        xml.writeAttribute("time", seconds(o.millis()));
                        if (!o.passed()) {
                            xml.writeStartElement("failure");
                            xml.writeAttribute("message", o.diff());
                            xml.writeAttribute("type", "unit");
                            xml.writeCharacters(o.test().file() + ": " + o.diff());
                            xml.writeEndElement();
                        }
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                    xml.writeEndDocument();
                    xml.close();
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw SessionException.io(Location.of(dir.toString()), "cannot write the unit test report: "
                    + e.getMessage(), "check that the build directory is writable", e);
        }
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
