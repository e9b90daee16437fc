package io.herald.support;

import java.io.IOException;
import java.util.List;

import io.herald.social.Teaser;

/**
 * An article's teasers against fixtures/expected/teasers/&lt;name&gt;/: each channel's text as a whole file, and
 * channels.txt with each one's count, limit and validity.
 */
public final class TeaserFiles {

    private TeaserFiles() {}

    public static void assertMatches(String name, List<Teaser> teasers) throws IOException {
        StringBuilder index = new StringBuilder();
        for (Teaser teaser : teasers) {
            ExpectedFiles.assertMatches("teasers/" + name + "/" + teaser.channel() + ".txt", teaser.text() + "\n");
            index.append(teaser.channel())
                    .append(' ')
                    .append(teaser.length())
                    .append('/')
                    .append(teaser.limit())
                    .append(teaser.valid() ? " valid" : " invalid: " + teaser.problem())
                    .append('\n');
        }
        ExpectedFiles.assertMatches("teasers/" + name + "/channels.txt", index.toString());
    }
}
