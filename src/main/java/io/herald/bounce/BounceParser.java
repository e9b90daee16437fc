package io.herald.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads delivery status notifications (RFC 3464: multipart/report; report-type=delivery-status) and feedback reports
 * (RFC 5965: report-type=feedback-report). A DSN names each recipient with Final-Recipient, Action and Status:
 * "failed" with 5.x.x is hard, 4.x.x or "delayed" is soft. A feedback report is a complaint about the recipient named
 * by Original-Rcpt-To or, failing that, the To of the returned message. Anything else is unparsed, with the reason.
 */
public final class BounceParser {

    private static final Pattern STATUS = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}");

    public BounceReport parse(MimeMessage message) {
        try {
            if (!message.isMimeType("multipart/report")) {
                return BounceReport.unparsed("not a multipart/report (" + message.getContentType() + ")");
            }
            String type = new ContentType(message.getContentType()).getParameter("report-type");
            Multipart parts = (Multipart) message.getContent();
            String original = originalMessageId(parts);
            if ("delivery-status".equalsIgnoreCase(type)) {
                return deliveryStatus(parts).about(original);
            }
            if ("feedback-report".equalsIgnoreCase(type)) {
                return feedback(parts, original != null).about(original);
            }
            return BounceReport.unparsed("a report of type " + type + ", neither delivery-status nor feedback-report");
        } catch (MessagingException | IOException | RuntimeException e) {
            return BounceReport.unparsed("unreadable: " + e);
        }
    }

    private BounceReport deliveryStatus(Multipart parts) throws MessagingException, IOException {
        Part status = find(parts, "message/delivery-status", "message/global-delivery-status");
        if (status == null) {
            return BounceReport.unparsed("a delivery-status report without a message/delivery-status part");
        }
        List<BounceReport.Finding> findings = new ArrayList<>();
        List<InternetHeaders> groups = groups(bytes(status));
        for (InternetHeaders group : groups.subList(Math.min(1, groups.size()), groups.size())) {
            String recipient = address(group.getHeader("Final-Recipient", null));
            if (recipient == null) {
                recipient = address(group.getHeader("Original-Recipient", null));
            }
            String action = value(group.getHeader("Action", null)).toLowerCase(Locale.ROOT);
            String code = value(group.getHeader("Status", null));
            String diagnostic = value(group.getHeader("Diagnostic-Code", null));
            if (recipient == null || action.isEmpty()) {
                continue;
            }
            Matcher m = STATUS.matcher(code);
            String klass = m.find() ? m.group(1) : "";
            if (action.equals("failed") && klass.equals("5")) {
                findings.add(new BounceReport.Finding(recipient, BounceReport.Kind.HARD, m.group(), diagnostic));
            } else if (action.equals("delayed") || klass.equals("4")) {
                findings.add(new BounceReport.Finding(recipient, BounceReport.Kind.SOFT, code, diagnostic));
            }
        }
        if (findings.isEmpty() && groups.size() < 2) {
            return BounceReport.unparsed("the delivery status names no recipient");
        }
        return new BounceReport(findings, null);
    }

    /** The Message-ID in the returned message or its headers (RFC 3462 and 5965 parts), or null. */
    private static String originalMessageId(Multipart parts) throws MessagingException, IOException {
        Part original =
                find(parts, "message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers");
        if (original == null) {
            return null;
        }
        Object content = original.getContent();
        String id = content instanceof MimeMessage m
                ? m.getHeader("Message-ID", null)
                : new InternetHeaders(new ByteArrayInputStream(bytes(original))).getHeader("Message-ID", null);
        return id == null ? null : id.strip();
    }

    private BounceReport feedback(Multipart parts, boolean quotesMessageId) throws MessagingException, IOException {
        Part report = find(parts, "message/feedback-report");
        if (report == null) {
            return BounceReport.unparsed("a feedback report without a message/feedback-report part");
        }
        InternetHeaders fields = groups(bytes(report)).get(0);
        String type = value(fields.getHeader("Feedback-Type", null));
        String recipient = address(fields.getHeader("Original-Rcpt-To", null));
        if (recipient == null) {
            Part original = find(parts, "message/rfc822", "text/rfc822-headers");
            if (original != null) {
                Object content = original.getContent();
                String to = content instanceof MimeMessage m
                        ? m.getHeader("To", ",")
                        : new InternetHeaders(new ByteArrayInputStream(bytes(original))).getHeader("To", ",");
                if (to != null) {
                    InternetAddress[] addresses = InternetAddress.parseHeader(to, false);
                    recipient = addresses.length == 0 ? null : addresses[0].getAddress();
                }
            }
        }
        if (recipient == null && !quotesMessageId) {
            return BounceReport.unparsed("a feedback report that names no recipient");
        }
        // Providers often redact the recipient; the returned Message-ID still says who it was (BounceMailbox).
        return new BounceReport(
                List.of(new BounceReport.Finding(
                        recipient == null ? null : recipient.toLowerCase(Locale.ROOT),
                        BounceReport.Kind.COMPLAINT,
                        type.isEmpty() ? "abuse" : type,
                        "feedback report")),
                null);
    }

    private static Part find(Multipart parts, String... types) throws MessagingException {
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            for (String type : types) {
                if (part.isMimeType(type)) {
                    return part;
                }
            }
        }
        return null;
    }

    /** The part's raw content (Angus may have parsed message/rfc822 into a message: write it back out). */
    private static byte[] bytes(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage m) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        }
        if (content instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Header blocks separated by blank lines: the per-message fields, then one block per recipient. */
    private static List<InternetHeaders> groups(byte[] body) throws MessagingException {
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<InternetHeaders> groups = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            if (!block.isBlank()) {
                groups.add(new InternetHeaders(
                        new ByteArrayInputStream((block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        if (groups.isEmpty()) {
            groups.add(new InternetHeaders());
        }
        return groups;
    }

    /** "rfc822; reader@example.org" -> reader@example.org (lower-cased). */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        String v = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        v = v.strip().replaceAll("^<|>$", "");
        return v.contains("@") ? v.toLowerCase(Locale.ROOT) : null;
    }

    private static String value(String field) {
        return field == null ? "" : field.strip();
    }
}
