package io.herald.subscriber;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.quartz.CronExpression;

/**
 * A list's list.yaml: name, sender, schedule, time zone, mode, digest style, feeds and default channels, each checked
 * with the reason it is refused (the folder's name is the list's id).
 */
final class ListYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** "08:00 local": an hour of the day on each reader's own clock. */
    private static final java.util.regex.Pattern LOCAL_HOUR = java.util.regex.Pattern.compile(
            "([01]?\\d|2[0-3]):([0-5]\\d)\\s+local", java.util.regex.Pattern.CASE_INSENSITIVE);

    private ListYaml() {}

    static Optional<MailingList> read(Path folder, List<FileProblem> problems) {
        Path file = folder.resolve("list.yaml");
        String id = folder.getFileName().toString();
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            problems.add(new FileProblem(folder, 0, "list folder names are lower-case letters, digits, - and _"));
            return Optional.empty();
        }
        Map<?, ?> yaml;
        try {
            yaml = YAML.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            problems.add(new FileProblem(
                    file,
                    SubscriberFileReader.lineOf(e),
                    "unreadable: " + e.getMessage().split("\n")[0]));
            return Optional.empty();
        }
        if (yaml == null) {
            problems.add(new FileProblem(file, 1, "the file is empty"));
            return Optional.empty();
        }
        String name = text(yaml, "name").orElse(id);
        Optional<String> from = text(yaml, "from");
        if (from.isEmpty() || !validFrom(from.get())) {
            problems.add(
                    new FileProblem(file, 0, "from: a sender address such as \"News <news@example.org>\" is required"));
            return Optional.empty();
        }
        Optional<String> schedule = text(yaml, "schedule");
        if (schedule.isPresent() && !CronExpression.isValidExpression(schedule.get())) {
            problems.add(
                    new FileProblem(file, 0, "schedule: \"" + schedule.get() + "\" is not a Quartz cron expression"));
            return Optional.empty();
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(text(yaml, "time-zone").orElse("UTC"));
        } catch (DateTimeException e) {
            problems.add(new FileProblem(file, 0, "time-zone: " + e.getMessage()));
            return Optional.empty();
        }
        Optional<MailingList.Mode> mode =
                MailingList.Mode.parse(text(yaml, "mode").orElse(null));
        if (mode.isEmpty()) {
            problems.add(new FileProblem(file, 0, "mode: use per-article or digest"));
            return Optional.empty();
        }
        Optional<MailingList.DigestStyle> style =
                MailingList.DigestStyle.parse(text(yaml, "digest-style").orElse(null));
        if (style.isEmpty()) {
            problems.add(new FileProblem(file, 0, "digest-style: use auto, full or summary"));
            return Optional.empty();
        }
        Optional<MailingList.Tracking> tracking =
                MailingList.Tracking.parse(text(yaml, "tracking").orElse(null));
        if (tracking.isEmpty()) {
            problems.add(new FileProblem(file, 0, "tracking: use off, aggregate or individual"));
            return Optional.empty();
        }
        Optional<String> opens = text(yaml, "opens");
        if (opens.isPresent() && !opens.get().matches("(?i)true|false")) {
            problems.add(new FileProblem(file, 0, "opens: use true or false"));
            return Optional.empty();
        }
        Optional<String> language = text(yaml, "language");
        if (language.isPresent() && !language.get().matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")) {
            problems.add(new FileProblem(
                    file, 0, "language: \"" + language.get() + "\" is not a language tag; write en, kk, ru or tr"));
            return Optional.empty();
        }
        Optional<String> archive = text(yaml, "archive");
        if (archive.isPresent() && !archive.get().matches("(?i)true|false")) {
            problems.add(new FileProblem(file, 0, "archive: use true or false"));
            return Optional.empty();
        }
        Optional<String> deliverAt = text(yaml, "deliver-at");
        java.time.LocalTime localHour = null;
        if (deliverAt.isPresent()) {
            java.util.regex.Matcher m = LOCAL_HOUR.matcher(deliverAt.get());
            if (!m.matches()) {
                problems.add(new FileProblem(
                        file,
                        0,
                        "deliver-at: \"" + deliverAt.get()
                                + "\" is not a local hour; write \"08:00 local\" to release each reader's copy at 08:00"
                                + " where they live"));
                return Optional.empty();
            }
            localHour = java.time.LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        List<String> feeds = strings(yaml, "feeds");
        for (String feed : feeds) {
            if (!feed.matches("(?i)https?://\\S+")) {
                problems.add(new FileProblem(file, 0, "feeds: \"" + feed + "\" is not an http(s) URL"));
                return Optional.empty();
            }
        }
        return Optional.of(new MailingList(
                id,
                name,
                from.get(),
                text(yaml, "reply-to").orElse(null),
                schedule.orElse(null),
                zone,
                mode.get(),
                feeds,
                strings(yaml, "default-channels"),
                style.get(),
                tracking.get(),
                opens.map(Boolean::parseBoolean).orElse(false),
                language.map(l -> java.util.Locale.forLanguageTag(l.replace('_', '-'))
                                .getLanguage())
                        .orElse(null),
                archive.map(Boolean::parseBoolean).orElse(true),
                localHour));
    }

    /** A YAML list of strings, or one comma-separated string. */
    private static List<String> strings(Map<?, ?> yaml, String key) {
        Object value = yaml.get(key);
        if (value instanceof List<?> list) {
            return list.stream()
                    .filter(java.util.Objects::nonNull)
                    .map(o -> o.toString().strip())
                    .filter(v -> !v.isEmpty())
                    .toList();
        }
        if (value instanceof String s) {
            return java.util.Arrays.stream(s.split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .toList();
        }
        return List.of();
    }

    private static boolean validFrom(String from) {
        try {
            jakarta.mail.internet.InternetAddress address = new jakarta.mail.internet.InternetAddress(from, true);
            return address.getAddress().contains("@") && !from.contains("\n") && !from.contains("\r");
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    private static Optional<String> text(Map<?, ?> yaml, String key) {
        Object value = yaml.get(key);
        return value == null || value.toString().isBlank()
                ? Optional.empty()
                : Optional.of(value.toString().strip());
    }
}
