package dev.sessionplugin.core.extract;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files concatenated from two systems mix CRLF and LF line endings, which a strict CSV reader rejects. Such a file
 * is loaded from a copy with LF endings; files with one kind of ending load as they are.
 */
public final class LineEndings {

    private LineEndings() {
    }

    /** Whether the file has both CRLF and bare LF line endings. */
    public static boolean mixed(Path file) throws IOException {
        boolean crlf = false;
        boolean lf = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            int previous = -1;
            for (int b; (b = in.read()) >= 0; previous = b) {
                if (b == '\n') {
                    if (previous == '\r') {
                        crlf = true;
                    } else {
                        lf = true;
                    }
                    if (crlf && lf) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A temporary copy of {@code file} with every CRLF turned into LF; the caller deletes it. */
    public static Path normalizedCopy(Path file) throws IOException {
        Path copy = Files.createTempFile("session-lf-", "-" + file.getFileName());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(copy), 1 << 20)) {
            boolean pendingCr = false;
            for (int b; (b = in.read()) >= 0; ) {
                if (pendingCr && b != '\n') {
                    out.write('\r');
                }
                pendingCr = b == '\r';
                if (!pendingCr) {
                    out.write(b);
                }
            }
            if (pendingCr) {
                out.write('\r');
            }
        }
        return copy;
    }
}
