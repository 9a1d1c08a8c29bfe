package dev.sessionplugin.core.render;

import dev.sessionplugin.core.Location;

/**
 * A template lambda ({@code {{#ref}}name{{/ref}}}) that is told where in which file it was called, so an unknown
 * name can be reported at its line.
 */
@FunctionalInterface
public interface LocatedFunction {

    String apply(String body, Location at);
}
