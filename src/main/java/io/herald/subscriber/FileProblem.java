package io.herald.subscriber;

import java.nio.file.Path;

/** A row or setting that could not be loaded, with the file and line it sits on. */
public record FileProblem(Path file, long line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
