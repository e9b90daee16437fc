package io.herald.subscriber;

import java.nio.file.Path;

/**
 * A row or setting that could not be loaded, with the file and line it sits on. {@code rowKept}: the row itself was
 * loaded and only part of it was not (a time zone Herald does not know), so the reason is a remark, not a refusal.
 */
public record FileProblem(Path file, long line, String reason, boolean rowKept) {

    public FileProblem(Path file, long line, String reason) {
        this(file, line, reason, false);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
