package io.herald.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/CONFIGURATION.md is generated from the @ConfigMapping interfaces, one beside each feature (DeliveryConfig,
 * SocialConfig, FeedsConfig, ...): every key, its type, default and the Javadoc that explains it. This test regenerates it and fails when the committed file
 * differs, so the reference cannot drift from the code. To refresh it:
 * {@code mvn -B test -Dtest=ConfigurationReferenceTest -Dherald.config-doc.write=true}
 */
class ConfigurationReferenceTest {

    static final Path SOURCES = Path.of("src/main/java");
    static final Path DOC = Path.of("deploy/CONFIGURATION.md");

    record Member(String name, String type, String key, String defaultValue, String doc) {}

    private static final Pattern MAPPING =
            Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)\\s*public interface (\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("^\\s*(?:public\\s+)?interface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([\\w.<>, ]+?)\\s+(\\w+)\\(\\);");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\\s*\"([^\"]*)\"\\s*\\)");

    /** Interface name to its members, in source order. */
    static Map<String, List<Member>> parse(List<String> lines) {
        Map<String, List<Member>> interfaces = new LinkedHashMap<>();
        List<String> stack = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        int depth = 0;
        StringBuilder doc = null;
        String lastDoc = "";
        String name = null;
        String def = null;
        boolean defaultOnNextLine = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("/**")) {
                doc = new StringBuilder();
            }
            if (doc != null) {
                doc.append(' ').append(t.replaceAll("^/\\*\\*|\\*/$|^\\*", "").strip());
                if (t.endsWith("*/")) {
                    lastDoc = clean(doc.toString());
                    doc = null;
                }
                continue;
            }
            Matcher i = INTERFACE.matcher(line);
            if (i.find()) {
                stack.add(i.group(1));
                depths.add(depth);
                interfaces.put(i.group(1), new ArrayList<>());
                lastDoc = "";
            }
            Matcher n = WITH_NAME.matcher(t);
            if (n.find()) {
                name = n.group(1);
            }
            Matcher d = WITH_DEFAULT.matcher(t);
            if (d.find()) {
                def = d.group(1);
            } else if (defaultOnNextLine) {
                // A long default the formatter wrapped: @WithDefault( on one line, the string on the next.
                Matcher wrapped = Pattern.compile("^\"([^\"]*)\"\\)").matcher(t);
                if (wrapped.find()) {
                    def = wrapped.group(1);
                }
            }
            defaultOnNextLine = t.equals("@WithDefault(");
            Matcher m = METHOD.matcher(line);
            if (m.find() && !stack.isEmpty() && !t.startsWith("return") && !t.startsWith("@")) {
                String key = name != null ? name : kebab(m.group(2));
                interfaces
                        .get(stack.get(stack.size() - 1))
                        .add(new Member(m.group(2), m.group(1).strip(), key, def, lastDoc));
                name = null;
                def = null;
                lastDoc = "";
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!depths.isEmpty() && depth == depths.get(depths.size() - 1)) {
                        stack.remove(stack.size() - 1);
                        depths.remove(depths.size() - 1);
                    }
                }
            }
        }
        return interfaces;
    }

    static String clean(String javadoc) {
        return javadoc.replaceAll("\\{@(?:link|code) ([^}]+)}", "$1")
                .replaceAll("&lt;", "<")
                .replaceAll("&gt;", ">")
                .replaceAll("&amp;", "&")
                .replaceAll("<[^>]+>", "")
                .replaceAll("\\s+", " ")
                .replace("|", "\\|")
                .strip();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static void expand(Map<String, List<Member>> interfaces, String type, String prefix, List<String[]> rows) {
        for (Member m : interfaces.get(type)) {
            String key = prefix + "." + m.key();
            String plain = m.type().replaceAll("^Optional<(.*)>$", "$1");
            Matcher map = Pattern.compile("^Map<String, (\\w+)>$").matcher(plain);
            if (interfaces.containsKey(plain)) {
                expand(interfaces, plain, key, rows);
            } else if (map.find() && interfaces.containsKey(map.group(1))) {
                expand(interfaces, map.group(1), key + ".<id>", rows);
            } else {
                String def = m.defaultValue() != null
                        ? "`" + m.defaultValue() + "`"
                        : m.type().startsWith("Optional")
                                        || m.type().startsWith("Map")
                                        || m.type().startsWith("java.util.Map")
                                ? "(none)"
                                : "(required)";
                rows.add(new String[] {
                    "`" + key + "`",
                    "`" + env(key) + "`",
                    "`" + plain + "`",
                    def,
                    m.doc().isEmpty() ? "" : m.doc()
                });
            }
        }
    }

    static String env(String key) {
        return key.replace("<id>", "ID").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static String generate() throws Exception {
        List<String[]> rows = new ArrayList<>();
        List<Path> sources;
        try (var files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith("Config.java"))
                    .sorted()
                    .toList();
        }
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Matcher mapping = MAPPING.matcher(text);
            if (mapping.find()) {
                expand(parse(List.of(text.split("\n"))), mapping.group(2), mapping.group(1), rows);
            }
        }
        rows.sort(java.util.Comparator.comparing(r -> r[0]));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i)[0]).as("a key mapped by two interfaces").isNotEqualTo(rows.get(i - 1)[0]);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Herald configuration reference\n\n")
                .append("Generated from the `@ConfigMapping` interface beside each feature (`*Config.java` under")
                .append(" `src/main/java/io/herald/`) by `ConfigurationReferenceTest`")
                .append(
                        " (which fails when this file and the code differ). Every key can also be set as an environment")
                .append(
                        " variable: dots and dashes become underscores, upper case. Defaults are the embedded profile's;")
                .append(" `src/main/resources/application.properties` overrides some per profile (prod, test).\n\n")
                .append("| key | environment | type | default | meaning |\n|---|---|---|---|---|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\n").append(rows.size()).append(" keys.\n");
        return md.toString();
    }

    @Test
    void theReferenceListsEveryKeyOfTheCode() throws Exception {
        String generated = generate();
        if (Boolean.getBoolean("herald.config-doc.write")) {
            Files.writeString(DOC, generated);
        }
        assertThat(generated)
                .contains(
                        "`herald.smtp.host`",
                        "`herald.social.channels.<id>.delay`",
                        "`herald.feeds.allowed-hosts`",
                        "`HERALD_SMTP_MAX_PER_SECOND`");
        assertThat(Files.exists(DOC)).as(DOC + " exists").isTrue();
        assertThat(Files.readString(DOC))
                .as(DOC + " is out of date: run mvn -B test -Dtest=ConfigurationReferenceTest "
                        + "-Dherald.config-doc.write=true")
                .isEqualTo(generated);
    }
}
