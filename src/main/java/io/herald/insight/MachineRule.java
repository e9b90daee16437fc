package io.herald.insight;

import java.util.List;
import java.util.Locale;

/**
 * Tells mail security scanners from people, by what one request shows: a HEAD request, a browser's prefetch, no
 * User-Agent, or a User-Agent that names a scanner, crawler or HTTP library (herald.insight.machine-agents). The
 * other half of the rule, a client opening several links of one edition within seconds, needs the client's recent
 * clicks and lives in {@link ClickCounts}.
 */
final class MachineRule {

    private final List<String> agents;

    MachineRule(List<String> agents) {
        this.agents = agents.stream()
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .filter(a -> !a.isEmpty())
                .toList();
    }

    /** Why this request is a machine's, or null when it could be a person's. */
    String machine(String method, String userAgent, String purpose) {
        if ("HEAD".equalsIgnoreCase(method)) {
            return "HEAD request";
        }
        if (purpose != null && purpose.toLowerCase(Locale.ROOT).contains("prefetch")) {
            return "prefetch";
        }
        if (userAgent == null || userAgent.isBlank()) {
            return "no User-Agent";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String agent : agents) {
            if (ua.contains(agent)) {
                return "User-Agent names " + agent;
            }
        }
        return null;
    }
}
