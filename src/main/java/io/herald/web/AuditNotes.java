package io.herald.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

/**
 * What an endpoint adds to its audit entry: the thing it acted on ("send 12") when the path alone does not say it,
 * small before/after values, and the person acting when nobody is signed in yet (an invitation being accepted).
 */
@RequestScoped
public class AuditNotes {

    private final Map<String, Object> details = new LinkedHashMap<>();
    private String target;
    private String actor;
    private String action;

    public AuditNotes target(String target) {
        this.target = target;
        return this;
    }

    public AuditNotes put(String key, Object value) {
        details.put(key, value);
        return this;
    }

    /** A teaser's text and hold before and after an edit. */
    public AuditNotes teaser(
            long articleId,
            String channel,
            java.util.Optional<io.herald.social.Teaser> before,
            java.util.Optional<io.herald.social.Teaser> after) {
        target("article " + articleId + " " + channel + " teaser");
        change(
                "text",
                before.map(io.herald.social.Teaser::text).orElse(null),
                after.map(io.herald.social.Teaser::text).orElse(null));
        return change(
                "held",
                before.map(io.herald.social.Teaser::held).orElse(null),
                after.map(io.herald.social.Teaser::held).orElse(null));
    }

    /** A subscriber's address as the trail keeps it: enough to tell requests apart, not the address itself. */
    public static String masked(String email) {
        if (email == null) {
            return "subscriber";
        }
        int at = email.lastIndexOf('@');
        return "subscriber " + (at <= 0 ? "…" : email.charAt(0) + "…" + email.substring(at));
    }

    /** A before and after pair, kept only where they differ. */
    public AuditNotes change(String key, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            details.put(key, Map.of("before", String.valueOf(before), "after", String.valueOf(after)));
        }
        return this;
    }

    /** The action's name when one endpoint does several things (pause, resume or cancel). */
    public AuditNotes action(String action) {
        this.action = action;
        return this;
    }

    String action() {
        return action;
    }

    public AuditNotes actor(String actor) {
        this.actor = actor;
        return this;
    }

    String target() {
        return target;
    }

    String actor() {
        return actor;
    }

    Map<String, Object> details() {
        return details;
    }
}
