package io.herald.web;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Gmail clips messages above 102 KB: a ten-article edition stays under it. */
@QuarkusTest
class EditionSizeTest {

    @InjectGreenMail
    GreenMail mail;

    @Test
    void aTenArticleEditionStaysUnder102Kilobytes() throws Exception {
        List<Long> ids = new ArrayList<>();
        String seed =
                Files.readString(Path.of("src/test/resources/fixtures/articles/astana-times-tokayev-kurtulmus.txt"));
        for (int i = 1; i <= 10; i++) {
            // Ten seed-sized stories: the seed's body under ten different titles.
            ids.add(Api.postArticle(
                    "Story " + i + " of a long edition",
                    seed.substring(seed.indexOf('\n') + 1) + "\n\nEdition story " + i + "."));
        }
        String list =
                ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        long send = Api.startSend("{\"articles\":[" + list + "],\"list\":\"sched\"}");
        Api.awaitFinished(send);
        MimeMessage message = Mailboxes.await(
                        mail, "morning@example.com", "Story 1 of a long edition and 9 more stories", 1)
                .get(0);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        System.out.printf("ten-article edition: %d bytes%n", raw.size());
        assertThat(raw.size()).isGreaterThan(40_000).isLessThan(102 * 1024);
    }
}
