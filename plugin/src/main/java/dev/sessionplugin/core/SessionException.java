package dev.sessionplugin.core;

/**
 * The core's one error type: what went wrong, where (file, line), and what the user can do about it.
 * The Maven adapter turns user problems into build failures and the rest into execution errors.
 */
public class SessionException extends RuntimeException {

    /** Who has to act: the user (config, data, a failed check) or the environment (warehouse, I/O). */
    public enum Kind {
        CONFIG(true), DATA(true), CHECK(true), WAREHOUSE(false), IO(false);

        private final boolean userProblem;

        Kind(boolean userProblem) {
            this.userProblem = userProblem;
        }
    }

    private final Kind kind;
    private final Location location;
    private final String hint;

    public SessionException(Kind kind, Location location, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.location = location;
        this.hint = hint;
    }

    public static SessionException config(Location location, String message, String hint) {
        return new SessionException(Kind.CONFIG, location, message, hint, null);
    }

    public static SessionException data(Location location, String message, String hint) {
        return new SessionException(Kind.DATA, location, message, hint, null);
    }

    public static SessionException io(Location location, String message, String hint, Throwable cause) {
        return new SessionException(Kind.IO, location, message, hint, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Location location() {
        return location;
    }

    public String hint() {
        return hint;
    }

    public boolean isUserProblem() {
        return kind.userProblem;
    }

    /** The bare message, without location and hint. */
    public String reason() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        StringBuilder text = new StringBuilder();
        if (location != null) {
            text.append(location).append(": ");
        }
        text.append(super.getMessage());
        if (hint != null && !hint.isBlank()) {
            text.append(System.lineSeparator()).append("  fix: ").append(hint);
        }
        return text.toString();
    }
}
