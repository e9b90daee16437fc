package io.herald.signup;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.herald.insight.ListActivity;
import io.herald.subscriber.EmailAddresses;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.Suppressions;
import io.herald.subscriber.TimeZones;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signup with double opt-in. A request (the website's form or JSON) sends a confirmation email with a signed link
 * that expires; only the confirmation makes the address a member, with its consent recorded (source, time, the
 * client address of the request and of the confirmation). The answer to a request is the same whether or not the
 * address is known, suppressed or already subscribed (no enumeration); a filled honeypot field is answered the same
 * and does nothing. Rejoining a list someone left goes through the same opt-in.
 */
@ApplicationScoped
public class Signups {

    /** What a request did; callers answer all but {@link #LIMITED} the same way. */
    public enum Outcome {
        CONFIRMATION_SENT,
        NOTHING_TO_DO,
        LIMITED
    }

    /**
     * A signup as the form or the API sends it; {@code trackClicks} is the reader's answer to "keep my clicks under
     * my name", asked only where a list tracks individually; {@code timeZone} the zone the form filled in from the
     * reader's browser and the reader confirmed (null: none given, the list's zone applies).
     */
    public record Request(
            String email,
            String name,
            List<String> lists,
            String clientIp,
            String honeypot,
            boolean trackClicks,
            String timeZone) {}

    /** A request Herald refuses outright: a malformed address, an unknown list. Says which field and why. */
    public static class Invalid extends Exception {
        private final String field;

        Invalid(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What a confirmation token carries. */
    record Pending(
            String email, String name, List<String> lists, String requestIp, boolean trackClicks, String timeZone) {
        String encode() {
            return email + "\n" + (name == null ? "" : name) + "\n" + String.join(",", lists) + "\n"
                    + (requestIp == null ? "" : requestIp) + "\n" + (trackClicks ? "clicks" : "") + "\n"
                    + (timeZone == null ? "" : timeZone);
        }

        /** Links issued before the zone was carried have five fields; they still confirm. */
        static Pending decode(String payload) {
            String[] p = payload.split("\n", -1);
            return new Pending(
                    p[0],
                    p[1].isEmpty() ? null : p[1],
                    List.of(p[2].split(",")),
                    p[3],
                    p.length > 4 && "clicks".equals(p[4]),
                    p.length > 5 ? TimeZones.known(p[5]).orElse(null) : null);
        }
    }

    private final SubscriberStore subscribers;
    private final MailingLists mailingLists;
    private final SignedTokens tokens;
    private final RateLimits limits;
    private final ConfirmationMail mail;
    private final SignupConfig signupConfig;
    private final Clock clock;
    private final Suppressions suppressions;
    private final ListActivity activity;

    Signups(
            SubscriberStore subscribers,
            MailingLists mailingLists,
            SignedTokens tokens,
            RateLimits limits,
            ConfirmationMail mail,
            SignupConfig signupConfig,
            Clock clock,
            Suppressions suppressions,
            ListActivity activity) {
        this.suppressions = suppressions;
        this.activity = activity;
        this.subscribers = subscribers;
        this.mailingLists = mailingLists;
        this.tokens = tokens;
        this.limits = limits;
        this.mail = mail;
        this.signupConfig = signupConfig;
        this.clock = clock;
    }

    public Outcome request(Request r) throws Invalid, SQLException {
        if (r.honeypot() != null && !r.honeypot().isBlank()) {
            Log.infof("Signup from %s ignored: the honeypot field was filled", r.clientIp());
            return Outcome.NOTHING_TO_DO;
        }
        EmailAddresses.Result checked = EmailAddresses.check(r.email());
        if (checked.ok().isEmpty()) {
            throw new Invalid("email", checked.problem());
        }
        String email = checked.address();
        String zone = null;
        if (r.timeZone() != null && !r.timeZone().isBlank()) {
            zone = TimeZones.known(r.timeZone())
                    .orElseThrow(() -> new Invalid(
                            "timeZone",
                            "\"" + abbreviate(r.timeZone()) + "\" is not a time zone name such as Asia/Almaty or "
                                    + "Europe/Istanbul"));
        }
        List<MailingList> lists = lists(r.lists());
        if (!limits.allow(r.clientIp(), email, clock.instant())) {
            return Outcome.LIMITED;
        }
        if (suppressions.isSuppressed(email)) {
            Log.infof("Signup for a suppressed address ignored");
            return Outcome.NOTHING_TO_DO;
        }
        List<String> wanted = new ArrayList<>();
        for (MailingList list : lists) {
            if (!subscribers.isActive(list.id(), email)) {
                wanted.add(list.id());
            }
        }
        if (wanted.isEmpty()) {
            return Outcome.NOTHING_TO_DO;
        }
        sendConfirmation(new Pending(email, clean(r.name()), wanted, r.clientIp(), r.trackClicks(), zone));
        for (String list : wanted) {
            activity.signupRequested(list);
        }
        return Outcome.CONFIRMATION_SENT;
    }

    /** A reader chose lists on the preferences page: they join through a fresh opt-in, like a new signup. */
    public void rejoin(String email, List<String> lists) throws SQLException {
        if (!suppressions.isSuppressed(email)) {
            sendConfirmation(new Pending(email, null, lists, "preferences page", false, null));
        }
    }

    /** Sends the opt-in email for these lists (a signup, or a rejoin from the preferences page). */
    void sendConfirmation(Pending pending) throws SQLException {
        Instant expires = clock.instant().plus(signupConfig.tokenTtl());
        String token = tokens.issue("confirm", pending.encode(), expires);
        List<MailingList> lists = new ArrayList<>();
        for (String id : pending.lists()) {
            mailingLists.find(id).ifPresent(lists::add);
        }
        mail.send(pending.email(), lists, token, signupConfig.tokenTtl());
    }

    /** The lists a confirmation token asks for, without joining them; empty when the token is not valid. */
    public Optional<List<MailingList>> listsAsked(String token) throws SQLException {
        Optional<String> payload = tokens.verify("confirm", token, clock.instant());
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        List<MailingList> lists = new ArrayList<>();
        for (String id : Pending.decode(payload.get()).lists()) {
            mailingLists.find(id).ifPresent(lists::add);
        }
        return Optional.of(lists);
    }

    /** Confirms a token: the address joins its lists. Empty when the token is forged, altered or expired. */
    public Optional<List<MailingList>> confirm(String token, String clientIp) throws SQLException {
        Optional<String> payload = tokens.verify("confirm", token, clock.instant());
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        Pending p = Pending.decode(payload.get());
        if (suppressions.isSuppressed(p.email())) {
            return Optional.of(List.of());
        }
        List<MailingList> joined = new ArrayList<>();
        String source = "signup (requested from " + p.requestIp() + ", confirmed from " + clientIp + ")";
        for (String id : p.lists()) {
            Optional<MailingList> list = mailingLists.find(id);
            if (list.isPresent()) {
                subscribers.join(id, p.email(), p.name(), p.timeZone(), source, clock.instant());
                if (p.trackClicks() && list.get().tracking() == MailingList.Tracking.INDIVIDUAL) {
                    long subscriber =
                            subscribers.findByEmail(p.email()).orElseThrow().id();
                    subscribers.setClickConsent(id, subscriber, true, source, clock.instant());
                }
                joined.add(list.get());
            }
        }
        return Optional.of(joined);
    }

    /** The lists open to signup: herald.signup.lists, or every list. */
    public List<MailingList> openLists() throws SQLException {
        Optional<List<String>> open = signupConfig.lists();
        return mailingLists.all().stream()
                .filter(l -> open.isEmpty() || open.get().contains(l.id()))
                .toList();
    }

    private List<MailingList> lists(List<String> requested) throws Invalid, SQLException {
        List<MailingList> open = openLists();
        if (requested == null || requested.isEmpty()) {
            if (open.isEmpty()) {
                throw new Invalid("lists", "no list is open to signup");
            }
            return open;
        }
        Set<String> ids = new LinkedHashSet<>(requested);
        List<MailingList> chosen = new ArrayList<>();
        for (String id : ids) {
            MailingList list = open.stream()
                    .filter(l -> l.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new Invalid("lists", "no list " + id + " is open to signup"));
            chosen.add(list);
        }
        return chosen;
    }

    private static String abbreviate(String value) {
        String v = value.replaceAll("\\p{Cc}", " ");
        return v.length() > 60 ? v.substring(0, 60) + "…" : v;
    }

    private static String clean(String name) {
        if (name == null) {
            return null;
        }
        String n = name.replaceAll("[\\p{Cc}\"<>]", " ").replaceAll("\\s+", " ").strip();
        return n.isEmpty() ? null : n.length() > 100 ? n.substring(0, 100) : n;
    }
}
