package io.herald.web;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryReport;
import io.herald.insight.EditionInsight;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * A send's figures as the API, the page and the CSV files show them: where it stands (the ledger's report) and what
 * it did (delivered, bounced, unsubscribed, clicked, opened where counted).
 */
@ApplicationScoped
class SendFigures {

    /** GET /api/sends/{id}: the report's fields, {@code insight}, and {@code subjectTest} when it has one. */
    record SendWithInsight(
            @JsonUnwrapped DeliveryReport report,
            EditionInsight.Figures insight,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            io.herald.SubjectTesting.Report subjectTest) {}

    /** The page's view: the figures, the report, the charts, and the page of links shown. */
    record Page(
            DeliveryReport report,
            EditionInsight.Figures insight,
            String rateChart,
            String linkChart,
            List<EditionInsight.LinkClicks> links,
            int page,
            int pages,
            io.herald.SubjectTesting.Report subjectTest) {}

    static final int LINKS_PER_PAGE = 50;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final EditionInsight insight;
    private final MailingLists lists;
    private final io.herald.SubjectTesting subjectTesting;

    SendFigures(EditionInsight insight, MailingLists lists, io.herald.SubjectTesting subjectTesting) {
        this.insight = insight;
        this.lists = lists;
        this.subjectTesting = subjectTesting;
    }

    EditionInsight.Figures of(DeliveryReport report) throws SQLException {
        boolean opens = lists.find(report.list()).map(MailingList::opens).orElse(false);
        // A send still going: its report's counters instead of scans of its rows, so watching it does not slow it.
        Optional<EditionInsight.LiveCounts> live = report.status().ended()
                ? Optional.empty()
                : Optional.of(new EditionInsight.LiveCounts(
                        report.sent(), report.pending() + report.sending(), report.failed()));
        return insight.of(report.id(), opens, live).orElseThrow(() -> Refusal.notFound("id", "no send " + report.id()));
    }

    Page page(DeliveryReport report, Integer page) throws SQLException {
        EditionInsight.Figures f = of(report);
        int pages = Math.max(1, (f.links().size() + LINKS_PER_PAGE - 1) / LINKS_PER_PAGE);
        int p = page == null ? 1 : page;
        if (p < 1 || p > pages) {
            throw new Refusal(Refusal.Kind.INVALID, "page", "must be between 1 and " + pages + ", not " + p);
        }
        List<EditionInsight.LinkClicks> shown =
                f.links().subList((p - 1) * LINKS_PER_PAGE, Math.min(f.links().size(), p * LINKS_PER_PAGE));
        List<SvgCharts.Point> rate = new ArrayList<>();
        for (EditionInsight.RatePoint r : f.rate()) {
            rate.add(new SvgCharts.Point(TIME.format(r.at()), r.delivered() / (double) f.rateBucketSeconds()));
        }
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (EditionInsight.LinkClicks l : shown) {
            bars.add(new SvgCharts.Bar("#" + l.n() + " " + label(l.url()), l.humanTotal(), l.machineTotal()));
        }
        return new Page(
                report,
                f,
                SvgCharts.line("Messages delivered per second, send " + report.id(), rate, "messages per second"),
                SvgCharts.bars("Clicks per link, send " + report.id(), bars),
                shown,
                p,
                pages,
                subjectTesting.report(report.id()).orElse(null));
    }

    /** A link as a person reads it: without scheme, query and fragment. */
    static String label(String url) {
        String s = url.replaceFirst("^https?://", "");
        int cut = s.indexOf('?');
        return cut > 0 ? s.substring(0, cut) : s;
    }

    Response csv(DeliveryReport report, String table) throws SQLException {
        EditionInsight.Figures f = of(report);
        String name = "send-" + report.id() + "-" + table + ".csv";
        return switch (table) {
            case "summary" ->
                CsvTables.of(
                        name,
                        List.of("figure", "value"),
                        List.of(
                                List.of("delivered", f.delivered()),
                                List.of("deferred", f.deferred()),
                                List.of("waiting", f.waiting()),
                                List.of("refused", f.refused()),
                                List.of("hard_bounces", f.hardBounces()),
                                List.of("soft_bounces", f.softBounces()),
                                List.of("complaints", f.complaints()),
                                List.of("unsubscribes", f.unsubscribes()),
                                List.of("human_clicks", f.humanClicks()),
                                List.of("human_clickers", f.humanClickers()),
                                List.of("machine_clicks", f.machineClicks()),
                                List.of("machine_clickers", f.machineClickers()),
                                List.of("click_through_rate", f.clickThroughRate()),
                                List.of(
                                        "opens",
                                        f.opens() == null ? "" : f.opens().total()),
                                List.of(
                                        "unique_opens",
                                        f.opens() == null ? "" : f.opens().unique())));
            case "links" ->
                CsvTables.of(
                        name,
                        List.of("n", "url", "human_total", "human_unique", "machine_total", "machine_unique"),
                        f.links().stream()
                                .map(l -> List.<Object>of(
                                        l.n(),
                                        l.url(),
                                        l.humanTotal(),
                                        l.humanUnique(),
                                        l.machineTotal(),
                                        l.machineUnique()))
                                .toList());
            case "rate" ->
                CsvTables.of(
                        name,
                        List.of("bucket_start", "bucket_seconds", "delivered"),
                        f.rate().stream()
                                .map(r -> List.<Object>of(r.at().toString(), f.rateBucketSeconds(), r.delivered()))
                                .toList());
            case "bounces" ->
                CsvTables.of(
                        name,
                        List.of("kind", "status", "count"),
                        f.bounces().stream()
                                .map(b -> List.<Object>of(b.kind(), b.status(), b.count()))
                                .toList());
            case "refusals" ->
                CsvTables.of(
                        name,
                        List.of("reply", "readers"),
                        f.refusals().stream()
                                .map(r -> List.<Object>of(r.reply(), r.count()))
                                .toList());
            case "teasers" -> {
                List<List<Object>> rows = new ArrayList<>();
                for (EditionInsight.ArticleFigures a : f.articles()) {
                    for (EditionInsight.ChannelFigures c : a.channels()) {
                        rows.add(List.of(a.id(), a.title(), c.channel(), String.join(" ", c.posts()), c.arrivals()));
                    }
                }
                yield CsvTables.of(name, List.of("article", "title", "channel", "posts", "arrivals"), rows);
            }
            default -> throw Refusal.notFound("table", "no table " + table);
        };
    }
}
