package dev.sessionplugin.core.render;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.function.Function;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.ReflectionObjectHandler;

/**
 * Mustache renders an unknown name as nothing, which in SQL silently changes a statement. Here an unknown name is
 * an error naming the template and line. Contexts therefore never hold nulls: absent flags are {@code false}.
 */
final class StrictObjectHandler extends ReflectionObjectHandler {

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        Binding inner = super.createBinding(name, tc, code);
        return scopes -> {
            Object value = inner.get(scopes);
            if (value == null) {
                throw SessionException.config(Location.of(tc.file(), tc.line()),
                        "unknown template variable '" + name + "'", hint(name, tc.file()));
            }
            if (value instanceof LocatedFunction function) {
                Location at = Location.of(tc.file(), tc.line());
                return (Function<String, String>) body -> function.apply(body, at);
            }
            return value;
        };
    }

    private static String hint(String name, String file) {
        if (name.startsWith("vars.")) {
            return "declare '" + name.substring(5) + "' under 'vars:' in pipeline.yaml";
        }
        if (file.startsWith("models/") || file.startsWith("checks/")) {
            return "models may use {{#ref}}model{{/ref}}, {{#source}}source{{/source}}, {{vars.name}} and "
                    + "{{#target.duckdb}}…{{/target.duckdb}}";
        }
        return "this template gets only the variables its step passes; compare with the shipped template of the "
                + "same name (mustache tags count inside comments too)";
    }
}
