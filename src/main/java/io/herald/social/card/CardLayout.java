package io.herald.social.card;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The layout pass over a card's SVG: every {@code <text data-fit="name">} is a box (x, y its top left corner,
 * data-width, data-height, font-size the largest size, data-min-size the smallest, data-leading the line height as
 * a multiple of the size) that Herald fills with lines it breaks itself with the font's real metrics. Characters the
 * shipped fonts cannot draw are left out and named, so a card never shows an empty box where a letter should be.
 */
final class CardLayout {

    static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** One box as filled: the element, its box, and what went in. */
    record Placed(Element element, String name, float x, float y, float width, float height, TextFit.Fitted fitted) {}

    private CardLayout() {}

    static List<Placed> apply(Document document, CardFonts fonts, List<String> problems) {
        List<Element> boxes = new ArrayList<>();
        NodeList texts = document.getElementsByTagNameNS(SVG_NS, "text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            if (text.hasAttribute("data-fit")) {
                boxes.add(text);
            }
        }
        List<Placed> placed = new ArrayList<>();
        for (Element box : boxes) {
            String name = box.getAttribute("data-fit");
            boolean bold = box.getAttribute("font-weight").matches("bold|bolder|[6-9]00");
            Font font = fonts.font(box.getAttribute("font-family"), bold, 1f);
            String text = drawable(font, box.getTextContent(), name, problems);
            if (text.isBlank()) {
                box.getParentNode().removeChild(box);
                continue;
            }
            float x = number(box, "x", 0);
            float y = number(box, "y", 0);
            float width = number(box, "data-width", 0);
            float height = number(box, "data-height", 0);
            float max = number(box, "font-size", 40);
            float min = number(box, "data-min-size", max / 2);
            float leading = number(box, "data-leading", 1.2f);
            if (width <= 0 || height <= 0) {
                problems.add("the layout's " + name + " box has no data-width or data-height");
                continue;
            }
            TextFit.Fitted fitted = TextFit.fit(font, text, width, height, max, Math.min(min, max), leading);
            if (fitted.cut()) {
                problems.add("the " + name + " was cut to fit its box ("
                        + fitted.lines().size() + " lines at " + Math.round(fitted.size()) + " px)");
            }
            write(box, fitted, x, y, width);
            placed.add(new Placed(box, name, x, y, width, height, fitted));
        }
        return placed;
    }

    private static void write(Element box, TextFit.Fitted fitted, float x, float y, float width) {
        while (box.getFirstChild() != null) {
            box.removeChild(box.getFirstChild());
        }
        String anchor = box.getAttribute("text-anchor");
        float lineX = switch (anchor) {
            case "middle" -> x + width / 2;
            case "end" -> x + width;
            default -> x;
        };
        box.setAttribute("font-size", format(fitted.size()));
        box.removeAttribute("x");
        box.removeAttribute("y");
        for (int i = 0; i < fitted.lines().size(); i++) {
            Element line = box.getOwnerDocument().createElementNS(SVG_NS, "tspan");
            line.setAttribute("x", format(lineX));
            line.setAttribute("y", format(y + fitted.ascent() + i * fitted.lineHeight()));
            line.setTextContent(fitted.lines().get(i));
            box.appendChild(line);
        }
    }

    /** The text without what the font cannot draw; each character left out is named once. */
    static String drawable(Font font, String text, String name, List<String> problems) {
        StringBuilder out = new StringBuilder();
        List<String> missing = new ArrayList<>();
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || font.canDisplay(cp)) {
                out.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
            } else if (Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.CONTROL) {
                String named = "U+" + String.format(Locale.ROOT, "%04X", cp) + " " + new String(Character.toChars(cp));
                if (!missing.contains(named)) {
                    missing.add(named);
                }
            }
        });
        if (!missing.isEmpty()) {
            problems.add("the " + name + " has characters the card's font cannot draw, left out: "
                    + String.join(", ", missing));
        }
        return out.toString();
    }

    private static float number(Element e, String attribute, float fallback) {
        String value = e.getAttribute(attribute).replace("px", "").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    static String format(float f) {
        return f == Math.rint(f) ? Integer.toString((int) f) : String.format(Locale.ROOT, "%.2f", f);
    }
}
