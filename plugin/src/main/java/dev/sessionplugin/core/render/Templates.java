package dev.sessionplugin.core.render;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;

/**
 * Strict Mustache for the three kinds of text the plugin writes. Every unknown name fails with its file and line;
 * what {@code {{x}}} does to a value depends on the kind: nothing for SQL (the dialect already quoted it), a
 * YAML-quoted string for Superset assets, HTML escaping for pages. {@code {{{x}}}} is always the raw value.
 */
public final class Templates {

    private final DefaultMustacheFactory factory;
    private final UnaryOperator<String> finish;

    private Templates(UnaryOperator<String> encode, UnaryOperator<String> finish) {
        this(encode, finish, null);
    }

    /** @param macros the folder {@code {{> name}}} reads {@code name.sql.mustache} from; null: no partials */
    private Templates(UnaryOperator<String> encode, UnaryOperator<String> finish, java.nio.file.Path macros) {
        this.finish = finish;
        this.factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(encode.apply(value));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String resolvePartialPath(String dir, String name, String extension) {
                return MACROS + name.strip() + ".sql.mustache";
            }

            @Override
            public Reader getReader(String resourceName) {
                if (!resourceName.startsWith(MACROS)) {
                    return super.getReader(resourceName);
                }
                String name = resourceName.substring(MACROS.length(), resourceName.length() - ".sql.mustache".length());
                java.nio.file.Path file = macros == null ? null : macros.resolve(name + ".sql.mustache");
                if (file == null || !java.nio.file.Files.isRegularFile(file)) {
                    throw SessionException.config(Location.of(resourceName), "unknown macro '" + name + "' in {{> "
                            + name + "}}", "create " + resourceName + " (a snippet of SQL; it sees the same "
                            + "variables, {{#ref}} and {{#source}} as the model that includes it)");
                }
                try {
                    return new java.io.StringReader(SectionNewlines.keep(java.nio.file.Files.readString(file)));
                } catch (IOException e) {
                    throw SessionException.io(Location.of(resourceName), "cannot read: " + e.getMessage(), null, e);
                }
            }
        };
        factory.setObjectHandler(new StrictObjectHandler());
    }

    /** The folder of a project's reusable snippets, included with {@code {{> name}}}. */
    public static final String MACROS = "macros/";

    /** SQL: values as they are; trailing whitespace and a final ';' dropped, so one file is one statement. */
    public static Templates sql() {
        return new Templates(UnaryOperator.identity(), Templates::trimStatement);
    }

    /** SQL of a project: as {@link #sql()}, and {@code {{> name}}} includes {@code macros/name.sql.mustache}. */
    public static Templates sql(java.nio.file.Path projectDir) {
        return new Templates(UnaryOperator.identity(), Templates::trimStatement, projectDir.resolve(MACROS));
    }

    /** YAML: {@code {{x}}} is a double-quoted YAML string, so no value can change the document's structure. */
    public static Templates yaml() {
        return new Templates(Templates::yamlQuote, UnaryOperator.identity());
    }

    /** HTML: {@code {{x}}} is HTML-escaped. */
    public static Templates html() {
        DefaultMustacheFactory escaping = new DefaultMustacheFactory();
        return new Templates(value -> {
            StringWriter out = new StringWriter();
            escaping.encode(value, out);
            return out.toString();
        }, UnaryOperator.identity());
    }

    /** Compiles a template; {@code display} is the name used in error messages (a project-relative path). */
    public Mustache compile(Reader reader, String display) {
        try {
            return factory.compile(new java.io.StringReader(SectionNewlines.keep(readAll(reader))), display);
        } catch (MustacheException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SessionException session) {
                    throw session;
                }
            }
            throw SessionException.config(Location.of(display), "cannot parse template: " + e.getMessage(),
                    "check that every {{#section}} has its {{/section}}");
        }
    }

    public String execute(Mustache template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            template.execute(out, context).flush();
        } catch (MustacheException e) {
            throw unwrap(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return finish.apply(out.toString());
    }

    private static String readAll(Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String trimStatement(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    static String yamlQuote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
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
