package dev.sessionplugin.core.descriptor;

/**
 * An entry of a list under {@code vars:}. It renders as its value ({@code {{.}}}) and knows where it stands, so a
 * template can write {@code {{#vars.channels}}'{{.}}'{{^last}}, {{/last}}{{/vars.channels}}} without a trailing
 * comma.
 */
public record ListItem(String value, int index, boolean first, boolean last) {

    @Override
    public String toString() {
        return value;
    }
}
