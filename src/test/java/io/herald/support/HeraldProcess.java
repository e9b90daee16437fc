package io.herald.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A real Herald process (java -jar of a packaged build) on a free port, driven over HTTP like an operator would. */
public final class HeraldProcess implements AutoCloseable {

    public static final String OPS_PASSWORD = "ops-cluster-password";

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HeraldProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code app}/herald-runner.jar with the environment given, and waits until it answers (at most 60 s). */
    public static HeraldProcess start(Path app, Map<String, String> env, Path log) throws Exception {
        int port = GreenMailResource.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                app.resolve("herald-runner.jar").toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("HERALD_OPS_PASSWORD", OPS_PASSWORD);
        builder.environment().put("HERALD_EDITOR_PASSWORD", "editor-cluster-password");
        HeraldProcess herald = new HeraldProcess(builder.start(), port);
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!herald.process.isAlive()) {
                throw new IllegalStateException("Herald exited during start; see " + log);
            }
            try {
                if (herald.get("/api/articles").statusCode() == 200) {
                    return herald;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.onSpinWait();
            herald.process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        herald.close();
        throw new IllegalStateException("Herald did not answer within 60 s; see " + log);
    }

    /** The address of a path on this process. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(
                request(path)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        String auth = Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(10));
    }

    /** The "id" of a JSON answer. */
    public static long id(String json) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the node dies mid-whatever, as in a power cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the node is asked to stop. */
    public int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
