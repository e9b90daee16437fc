package io.herald.social.card;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The fonts cards are drawn with, shipped inside Herald (the DejaVu families, Bitstream Vera licence, from the
 * jasperreports-fonts artifact): Sans and Serif, regular and bold, with every Latin, Cyrillic (Kazakh letters
 * included) and Turkish letter. They are registered with Java's font system before Batik looks for fonts, so a
 * layout's font-family finds them on any machine, with or without fonts installed; Herald measures its line breaks
 * with the same fonts.
 */
@ApplicationScoped
public class CardFonts {

    /** Fractional metrics and anti-aliasing, as Batik draws. */
    static final FontRenderContext METRICS = new FontRenderContext(null, true, true);

    private static final String FOLDER = "net/sf/jasperreports/fonts/dejavu/";
    private static final Map<String, Font> FONTS = load();

    CardFonts() {}

    private static Map<String, Font> load() {
        Map<String, Font> fonts = new LinkedHashMap<>();
        GraphicsEnvironment environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
        for (String file : new String[] {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif", "DejaVuSerif-Bold"}) {
            try (InputStream in = CardFonts.class.getClassLoader().getResourceAsStream(FOLDER + file + ".ttf")) {
                if (in == null) {
                    throw new IllegalStateException("font " + file + ".ttf is missing from the build");
                }
                Font font = Font.createFont(Font.TRUETYPE_FONT, in);
                environment.registerFont(font);
                fonts.put(key(font.getFamily(Locale.ROOT), file.endsWith("-Bold")), font);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException("font " + file + " cannot be read", e);
            }
        }
        return fonts;
    }

    private static String key(String family, boolean bold) {
        return family.toLowerCase(Locale.ROOT) + (bold ? "/bold" : "/regular");
    }

    /**
     * The font for a layout's font-family (its first name, quotes removed) and weight, at {@code size} pixels;
     * DejaVu Sans when the layout names a family Herald does not ship.
     */
    public Font font(String family, boolean bold, float size) {
        String first = family == null
                ? ""
                : family.split(",")[0].replace("'", "").replace("\"", "").strip();
        Font base = FONTS.get(key(first, bold));
        if (base == null) {
            base = FONTS.get(key("DejaVu Sans", bold));
        }
        return base.deriveFont(size);
    }

    /** Whether the shipped fonts draw this family name (so a layout naming another falls back visibly in the docs). */
    public boolean ships(String family) {
        return FONTS.containsKey(key(family, false));
    }
}
