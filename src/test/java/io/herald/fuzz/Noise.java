package io.herald.fuzz;

import java.util.Random;

/**
 * Random input with a fixed seed (so a failure is reproducible: the test prints the case number): plain words mixed
 * with what breaks parsers: markup, entities, quotes, control characters, line breaks, NUL, emoji, combining marks,
 * right-to-left marks, lone surrogates, Qute syntax, very long tokens.
 */
final class Noise {

    static final int CASES = Integer.getInteger("fuzz.cases", 300);

    private static final String[] PIECES = {
        "ASTANA – ",
        "Türkiye",
        "Kurtulmuş",
        "“quoted”",
        "\"",
        "'",
        "<",
        ">",
        "&",
        "&amp;",
        "&#8211;",
        "&#xZZ;",
        "<script>alert(1)</script>",
        "<p>",
        "</p>",
        "<img src=x onerror=a()>",
        "<iframe src=javascript:alert(1)>",
        "{#include x}",
        "{config:herald.ops-password}",
        "{",
        "}",
        "\r\n",
        "\n\n",
        "\r",
        "\t",
        "\u0000",
        "\u0007",
        "\u202e",
        "\u200d",
        "👨‍👩‍👧‍👦",
        "🇰🇿",
        "e\u0301",
        "\ud800",
        "Photo credit:",
        "Sign up via the website or subscribe to our Twitter, Facebook and Tiktok!",
        "https://example.org/a?b=c&d=e",
        "javascript:alert(1)",
        "#hashtag",
        "$6 billion",
        "---",
        "# Title",
        "![alt](http://x/y.png)",
        "<![CDATA[",
        "]]>",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
        "&e;",
        "<rss version=\"2.0\">",
        "<channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<guid>",
        "<entry>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        ",",
        ";",
        "email,name",
        "@",
        "a@b.c",
        "\\",
        "\u00a0",
        "x".repeat(300)
    };

    private final Random random;

    Noise(long seed) {
        this.random = new Random(seed);
    }

    String text(int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            } else if (kind == 1) {
                b.append(' ').append(Integer.toString(random.nextInt(1 << 20), 36));
            } else if (kind == 2) {
                b.appendCodePoint(random.nextInt(0x2FFFF));
            } else {
                b.append("\n");
            }
        }
        return b.toString();
    }

    byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    boolean coin() {
        return random.nextBoolean();
    }

    int below(int n) {
        return random.nextInt(n);
    }
}
