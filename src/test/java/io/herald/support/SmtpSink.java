package io.herald.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Postfix's smtp-sink (Debian postfix, installed by .ci/run) on a free loopback port, started with the options of one
 * fault (see {@code man smtp-sink}: -Q 421 and hang up, -r/-f 4xx/5xx on chosen commands with -b/-B replies, -w
 * delay). Stopped by its PID.
 */
public final class SmtpSink implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private SmtpSink(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static SmtpSink start(String... options) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("smtp-sink"));
        command.addAll(List.of(options));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("127.0.0.1:" + port, "64"));
        Path log = Files.createTempFile("smtp-sink", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("smtp-sink " + command + " exited: " + Files.readString(log));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new SmtpSink(process, port, log);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("smtp-sink did not listen on " + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        Files.deleteIfExists(log);
    }
}
