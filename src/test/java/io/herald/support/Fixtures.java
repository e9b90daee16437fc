package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test inputs under src/test/resources/fixtures. */
public final class Fixtures {

    private Fixtures() {}

    /** The reference article (the newsroom's plain-text shape, with its call-to-action footer), as bytes. */
    public static byte[] seed() {
        return bytes("fixtures/articles/astana-times-tokayev-kurtulmus.txt");
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
