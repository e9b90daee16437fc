package io.herald.signup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.herald.article.ArticleLinks;
import io.herald.config.HeraldConfig;
import io.herald.delivery.DkimSigning;
import io.herald.delivery.Sender;
import io.herald.language.Languages;
import io.herald.language.Words;
import io.herald.subscriber.MailingList;
import io.herald.templating.EditorTemplates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The double opt-in email: templates/signup/confirm.txt and confirm.html (editors may change them), signed with DKIM
 * and sent through the same SMTP pool as the digests. No List-Unsubscribe: it goes to one person who asked for it.
 */
@ApplicationScoped
public class ConfirmationMail {

    private final EditorTemplates templates;
    private final Sender sender;
    private final DkimSigning dkim;
    private final ArticleLinks links;
    private final HeraldConfig config;
    private final Languages languages;

    ConfirmationMail(
            EditorTemplates templates,
            Sender sender,
            DkimSigning dkim,
            ArticleLinks links,
            HeraldConfig config,
            Languages languages) {
        this.languages = languages;
        this.templates = templates;
        this.sender = sender;
        this.dkim = dkim;
        this.links = links;
        this.config = config;
    }

    void send(String email, List<MailingList> lists, String token, Duration ttl) {
        String names = lists.stream().map(MailingList::name).collect(Collectors.joining(", "));
        // In the language of the first list asked for: a reader signing up for several reads one of them (the
        // confirmation page finds the same lists in the token).
        Words words = languages.words(lists.get(0).language());
        ConfirmView view = new ConfirmView(
                config.publication().name(),
                names,
                links.publicUrl("/subscribe/confirm?t=" + token),
                Math.max(1, ttl.toHours()));
        try {
            MimeMessage message = new MimeMessage((jakarta.mail.Session) null);
            message.setFrom(new InternetAddress(lists.get(0).from()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email));
            message.setSubject(words.get("confirmSubject", config.publication().name()), "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(
                    templates
                            .get("signup/confirm.txt")
                            .data("confirm", view)
                            .setLocale(words.language())
                            .render(),
                    "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(
                    templates
                            .get("signup/confirm.html")
                            .data("confirm", view)
                            .setLocale(words.language())
                            .render(),
                    "text/html; charset=UTF-8");
            MimeMultipart body = new MimeMultipart("alternative", text, html);
            message.setContent(body);
            message.setHeader("Auto-Submitted", "auto-generated");
            message.saveChanges();
            try (Sender.Session session = sender.open()) {
                session.send(dkim.sign(message));
            }
        } catch (MessagingException | RuntimeException | io.herald.delivery.DeliveryException e) {
            // The answer to the request stays the same; the log says what went wrong.
            Log.errorf("Could not send the confirmation email: %s", e.getMessage());
        }
        Log.debugf(
                "Confirmation for %d list(s) sent (%d bytes of link)",
                lists.size(), view.link().getBytes(StandardCharsets.UTF_8).length);
    }
}
