package dev.sessionplugin.core.render;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;

/**
 * Mustache for SQL: values are written as they are (no HTML escaping; the dialect already quoted them) and every
 * unknown name fails with its file and line.
 */
public final class SqlTemplates {

    private final DefaultMustacheFactory factory = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    public SqlTemplates() {
        factory.setObjectHandler(new StrictObjectHandler());
    }

    /** Compiles a template; {@code display} is the name used in error messages (a project-relative path). */
    public Mustache compile(Reader reader, String display) {
        try {
            return factory.compile(reader, display);
        } catch (MustacheException e) {
            throw SessionException.config(Location.of(display), "cannot parse template: " + e.getMessage(),
                    "check that every {{#section}} has its {{/section}}");
        }
    }

    /** Renders a compiled template; trailing whitespace and a final ';' are dropped so one file is one statement. */
    public static String execute(Mustache template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            template.execute(out, context).flush();
        } catch (MustacheException e) {
            throw unwrap(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return trimStatement(out.toString());
    }

    static String trimStatement(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    private static RuntimeException unwrap(MustacheException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SessionException session) {
                return session;
            }
        }
        return SessionException.config(null, "template failed: " + e.getMessage(), null);
    }
}
