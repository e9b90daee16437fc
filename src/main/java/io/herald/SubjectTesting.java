package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.herald.delivery.SendLedger;
import io.herald.delivery.SubjectVariants;
import io.herald.insight.EditionInsight;
import io.herald.subscriber.MailingList;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Subject tests: when a test's time is up, the subject whose readers clicked most goes to the rest of the list.
 * "Most" is the share of the readers each subject reached who clicked a link at least once, counted from people only:
 * link scanners and other machines (see insight/MachineRule) never count, and neither do opens, which mail privacy
 * features fake. Ties go to more clicks, then to the subject the editor named first, which also wins when nobody
 * clicked. The decision is written to the ledger once; every node reads it from there.
 */
@ApplicationScoped
public class SubjectTesting {

    /** One subject's figures in the test. */
    public record VariantFigures(
            int variant, String subject, long readers, long delivered, long people, long clicks, boolean winner) {

        /** People who clicked, of those it reached. */
        public double rate() {
            return delivered == 0 ? 0 : people / (double) delivered;
        }

        public String ratePercent() {
            return percent(rate());
        }
    }

    /** A send's test as its report shows it: each subject, the readers outside it, and the decision when made. */
    public record Report(
            int sharePercent,
            Instant until,
            List<VariantFigures> variants,
            long restReaders,
            long restDelivered,
            int winner,
            String decision) {}

    private final SubjectVariants variants;
    private final SendLedger ledger;
    private final EditionInsight insight;
    private final Clock clock;

    SubjectTesting(SubjectVariants variants, SendLedger ledger, EditionInsight insight, Clock clock) {
        this.variants = variants;
        this.ledger = ledger;
        this.insight = insight;
        this.clock = clock;
    }

    /** Why a send to this list cannot test subjects, if it cannot. */
    static Optional<String> refusal(MailingList list, boolean rehearsal) {
        if (rehearsal) {
            return Optional.of("a dry run sends nobody, so it cannot test subjects; start a real send");
        }
        if (list.tracking() == MailingList.Tracking.OFF) {
            return Optional.of("list " + list.id() + " counts no clicks (tracking: off in its list.yaml), so a subject"
                    + " test could not tell which subject won");
        }
        if (list.deliversAtLocalTime()) {
            return Optional.of("list " + list.id() + " delivers at each reader's local hour, which spreads its readers"
                    + " over a day: a subject test needs them to receive it at the same time");
        }
        return Optional.empty();
    }

    /** The send's test, its winner chosen now if its time is up and none is yet. Empty: no test. */
    public Optional<SubjectVariants.Test> decideIfDue(long sendId) throws SQLException {
        Optional<SubjectVariants.Test> test = variants.test(sendId);
        if (test.isEmpty()
                || test.get().decided()
                || clock.instant().isBefore(test.get().until())) {
            return test;
        }
        List<VariantFigures> figures = figures(sendId, test.get());
        VariantFigures best = figures.get(0);
        for (VariantFigures f : figures) {
            if (f.rate() > best.rate()
                    || (f.rate() == best.rate() && f.people() > best.people())
                    || (f.rate() == best.rate() && f.people() == best.people() && f.clicks() > best.clicks())) {
                best = f;
            }
        }
        SubjectVariants.Test decided = variants.decide(sendId, best.variant(), reason(figures, best));
        Log.infof("Send %d: %s", sendId, decided.decision());
        return Optional.of(decided);
    }

    /** The send's subject test with each subject's figures; empty when it has none. */
    public Optional<Report> report(long sendId) throws SQLException {
        Optional<SubjectVariants.Test> test = variants.test(sendId);
        if (test.isEmpty()) {
            return Optional.empty();
        }
        SubjectVariants.Test t = test.get();
        SubjectVariants.Reach rest = variants.reach(sendId).getOrDefault(0, new SubjectVariants.Reach(0, 0, 0));
        return Optional.of(new Report(
                t.sharePercent(),
                t.until(),
                figures(sendId, t),
                rest.readers(),
                rest.delivered(),
                t.winner(),
                t.decision()));
    }

    private List<VariantFigures> figures(long sendId, SubjectVariants.Test test) throws SQLException {
        long edition = ledger.send(sendId).orElseThrow().editionId();
        Map<Integer, SubjectVariants.Reach> reach = variants.reach(sendId);
        Map<Integer, EditionInsight.VariantClicks> clicks = insight.subjectClicks(edition);
        List<VariantFigures> figures = new ArrayList<>();
        for (int v = 1; v <= test.subjects().size(); v++) {
            SubjectVariants.Reach r = reach.getOrDefault(v, new SubjectVariants.Reach(v, 0, 0));
            EditionInsight.VariantClicks c = clicks.getOrDefault(v, new EditionInsight.VariantClicks(0, 0));
            figures.add(new VariantFigures(
                    v,
                    test.subjects().get(v - 1),
                    r.readers(),
                    r.delivered(),
                    c.people(),
                    c.clicks(),
                    test.winner() == v));
        }
        return figures;
    }

    private static String reason(List<VariantFigures> figures, VariantFigures best) {
        if (best.people() == 0) {
            return "Nobody clicked a link during the test, so subject 1 (\""
                    + figures.get(0).subject() + "\"), the first one given, went to the rest.";
        }
        StringBuilder b = new StringBuilder("Subject " + best.variant() + " (\"" + best.subject() + "\") won: "
                + best.people() + " of " + best.delivered() + " readers who got it clicked (" + best.ratePercent()
                + ")");
        for (VariantFigures f : figures) {
            if (f != best) {
                b.append(", against ")
                        .append(f.people())
                        .append(" of ")
                        .append(f.delivered())
                        .append(" (")
                        .append(f.ratePercent())
                        .append(") for subject ")
                        .append(f.variant());
            }
        }
        return b.append(". Only people's clicks count, not machines' or opens.").toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
