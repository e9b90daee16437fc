package io.herald.delivery;

import java.time.Duration;
import java.util.List;

/**
 * A subject test asked of a send: two to four subjects, each sent to an equal part of a random {@code sharePercent}
 * of the list; after {@code duration} the subject more people clicked goes to everyone else.
 */
public record SubjectTest(List<String> subjects, int sharePercent, Duration duration) {

    public SubjectTest {
        subjects = List.copyOf(subjects);
    }
}
