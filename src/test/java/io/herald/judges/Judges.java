package io.herald.judges;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an outside judge (a program nobody here wrote) and gives back what it printed. A missing tool fails. */
final class Judges {

    private Judges() {}

    record Verdict(int exit, String output) {}

    static Verdict run(Path input, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        // The Russian edition's headers and text are printed back: UTF-8 whatever the machine's locale.
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Verdict(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Path script(String name) {
        return Path.of("src", "test", "resources", "judges", name);
    }
}
