package io.herald.insight;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Click and open counting. Which lists count what is each list's own setting (list.yaml {@code tracking} and
 * {@code opens}); these are the rules every list shares.
 */
@ConfigMapping(prefix = "herald.insight")
public interface InsightConfig {

    /**
     * How often the counts held in memory are written to the database. A node killed with SIGKILL loses the clicks
     * of at most this long; the redirect itself never waits for the database.
     */
    @WithDefault("1s")
    Duration flushInterval();

    /**
     * A client that opens this many different links of one edition within {@code burst-window} is a machine (a mail
     * security gateway checks every link of a message at once; a person reads first). Its clicks on that edition
     * that day, the earlier ones included, count as machine clicks.
     */
    @WithDefault("3")
    int burstLinks();

    /** The window of {@code burst-links}. */
    @WithDefault("10s")
    Duration burstWindow();

    /**
     * Words in a User-Agent that name link scanners, crawlers and HTTP libraries rather than a person's browser
     * (matched case-insensitively). A request with no User-Agent, a HEAD request and a browser's prefetch
     * (Purpose or Sec-Purpose: prefetch) count as machines too.
     */
    @WithDefault(
            "bot,crawler,spider,scanner,preview,barracuda,proofpoint,mimecast,safelinks,urldefense,fireeye,trendmicro,symantec,forcepoint,sophos,python-requests,curl,wget,go-http-client,java/,okhttp,headlesschrome,libwww,httpclient,axios,node-fetch")
    List<String> machineAgents();

    /**
     * How long clicks kept under a reader's name (lists with tracking: individual) are kept; the counts without
     * names are kept with the edition.
     */
    @WithDefault("90d")
    Duration readerClickRetention();
}
