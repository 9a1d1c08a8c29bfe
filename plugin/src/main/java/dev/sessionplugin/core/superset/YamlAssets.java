package dev.sessionplugin.core.superset;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.render.Templates;

import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Superset asset templates from {@code superset/}: Mustache renders them, SnakeYAML parses the result and writes
 * it again, so the bundle's YAML is always well-formed and typed (a date-like string stays quoted), and a broken
 * template is reported by name.
 */
final class YamlAssets {

    private final TemplateFolder templates;
    private final Yaml yaml;

    YamlAssets(Path projectDir) {
        this.templates = new TemplateFolder("superset", ".mustache", projectDir, Templates.yaml());
        DumperOptions out = new DumperOptions();
        out.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        out.setIndicatorIndent(0);
        out.setWidth(120);
        out.setSplitLines(false);
        this.yaml = new Yaml(new LoaderOptions(), out);
    }

    /** @param name a template such as {@code dataset.yaml} */
    String render(String name, Map<String, Object> context) {
        String text = templates.render(name, context);
        Object document;
        try {
            document = yaml.load(text);
        } catch (YAMLException e) {
            throw SessionException.config(Location.of(templates.display(name)), "the template does not render to "
                    + "valid YAML: " + e.getMessage(), "use {{x}} for text values and {{{x}}} for true/false/numbers");
        }
        if (!(document instanceof Map)) {
            throw SessionException.config(Location.of(templates.display(name)), "the template must render to a "
                    + "mapping of keys", null);
        }
        return yaml.dump(document);
    }
}
