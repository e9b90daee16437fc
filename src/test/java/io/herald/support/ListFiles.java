package io.herald.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a generated list folder (list.yaml + members.csv) for tests that start Herald as a process. */
public final class ListFiles {

    private ListFiles() {}

    /**
     * A list {@code id} under {@code subscribers} with members {@code localPart}0@example.com ..
     * {@code localPart}(n-1)@example.com, named "Reader i" when {@code named}.
     */
    public static void generate(Path subscribers, String id, String name, String localPart, int n, boolean named)
            throws IOException {
        Path list = Files.createDirectories(subscribers.resolve(id));
        Files.writeString(list.resolve("list.yaml"), "name: " + name + "\nfrom: \"Desk <desk@example.com>\"\n");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < n; i++) {
            csv.append(localPart)
                    .append(i)
                    .append("@example.com,")
                    .append(named ? "Reader " + i : "")
                    .append('\n');
        }
        Files.writeString(list.resolve("members.csv"), csv);
    }
}
