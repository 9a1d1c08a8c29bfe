package dev.sessionplugin.core.compile;

import dev.sessionplugin.core.Location;

/** A model or check that does not bind: where (model file and line, or the descriptor's check), why, what to do. */
public record CompileError(Location location, String model, String message, String hint) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
