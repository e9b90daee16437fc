package io.herald.people;

import java.sql.SQLException;

import io.herald.article.ArticleLinks;
import io.herald.common.Refusal;
import io.herald.config.HeraldConfig;
import io.herald.delivery.DeliveryException;
import io.herald.delivery.DkimSigning;
import io.herald.delivery.Sender;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.templating.EditorTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The invitation email (templates/people/invite.txt and invite.html, editors may change them), signed with DKIM and
 * sent through the same SMTP pool as the digests. A failure is the admin's to know: it is thrown, and the admin may
 * send the invitation again.
 */
@ApplicationScoped
public class InviteMail {

    private final EditorTemplates templates;
    private final Sender sender;
    private final DkimSigning dkim;
    private final ArticleLinks links;
    private final HeraldConfig config;
    private final PeopleConfig people;
    private final MailingLists lists;

    InviteMail(
            EditorTemplates templates,
            Sender sender,
            DkimSigning dkim,
            ArticleLinks links,
            HeraldConfig config,
            PeopleConfig people,
            MailingLists lists) {
        this.templates = templates;
        this.sender = sender;
        this.dkim = dkim;
        this.links = links;
        this.config = config;
        this.people = people;
        this.lists = lists;
    }

    void send(String email, String name, String role, String invitedBy, String token, long hours) throws SQLException {
        InviteView view = new InviteView(
                config.publication().name(), name, role, invitedBy, links.publicUrl("/welcome/" + token), hours);
        try {
            MimeMessage message = new MimeMessage((jakarta.mail.Session) null);
            message.setFrom(new InternetAddress(from()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email));
            message.setSubject("You are invited to " + config.publication().name() + "'s Herald", "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(templates.get("people/invite.txt").data("invite", view).render(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(
                    templates.get("people/invite.html").data("invite", view).render(), "text/html; charset=UTF-8");
            message.setContent(new MimeMultipart("alternative", text, html));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.saveChanges();
            try (Sender.Session session = sender.open()) {
                session.send(dkim.sign(message));
            }
        } catch (MessagingException | DeliveryException e) {
            throw new Refusal(Refusal.Kind.CONFLICT, "email", "the invitation could not be sent: " + e.getMessage());
        }
    }

    private String from() throws SQLException {
        if (people.from().isPresent()) {
            return people.from().get();
        }
        return lists.all().stream()
                .map(MailingList::from)
                .findFirst()
                .orElseThrow(() -> new Refusal(
                        Refusal.Kind.CONFLICT,
                        "email",
                        "no From address for invitations: set herald.people.from or add a list"));
    }
}
