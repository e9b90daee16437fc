package io.herald.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.herald.common.Refusal;
import io.herald.insight.ListActivity;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import jakarta.enterprise.context.ApplicationScoped;

/** What a list did over its last days, for the page, its CSV and GET /api/lists/{id}/activity. */
@ApplicationScoped
class ListFigures {

    static final int MAX_DAYS = 366;

    /** The page's view. */
    record Page(MailingList list, int days, List<ListActivity.Day> rows, String membersChart, String changesChart) {}

    private final ListActivity activity;
    private final MailingLists lists;

    ListFigures(ListActivity activity, MailingLists lists) {
        this.activity = activity;
        this.lists = lists;
    }

    List<ListActivity.Day> days(String listId, Integer days) throws SQLException {
        list(listId);
        return activity.days(listId, checked(days));
    }

    Page page(String listId, Integer days) throws SQLException {
        MailingList list = list(listId);
        int n = checked(days);
        List<ListActivity.Day> rows = activity.days(listId, n);
        List<SvgCharts.Point> members = new ArrayList<>();
        List<SvgCharts.Bar> changes = new ArrayList<>();
        for (ListActivity.Day d : rows) {
            members.add(new SvgCharts.Point(d.day().toString(), d.members()));
        }
        for (ListActivity.Day d : rows.subList(Math.max(0, rows.size() - 14), rows.size())) {
            changes.add(new SvgCharts.Bar(
                    d.day().toString(), d.confirmations() + d.listed(), d.unsubscribes() + d.removed() + d.bounces()));
        }
        return new Page(
                list,
                n,
                rows,
                SvgCharts.line("Members of " + list.name() + " at the end of each day", members, "members"),
                SvgCharts.bars("Joined and left or bounced, last 14 days", changes, "joined", "left or bounced"));
    }

    private MailingList list(String listId) throws SQLException {
        return lists.find(listId).orElseThrow(() -> Refusal.notFound("id", "no list " + listId));
    }

    private static int checked(Integer days) {
        int n = days == null ? 30 : days;
        if (n < 1 || n > MAX_DAYS) {
            throw new Refusal(Refusal.Kind.INVALID, "days", "must be between 1 and " + MAX_DAYS + ", not " + n);
        }
        return n;
    }
}
