package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.SessionException;

/**
 * A statement that must not be repeated blindly ({@link Sql#once()}) met a transient error: it may have run on the
 * server although its answer was lost. The caller looks at the target's state before deciding to send it again.
 */
public final class AmbiguousOutcome extends SessionException {

    public AmbiguousOutcome(SessionException translated) {
        super(translated.kind(), translated.location(), "no answer, so it may or may not have run: "
                + translated.reason(), translated.hint(), translated);
    }
}
