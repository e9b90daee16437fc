package io.herald.social.card;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.gvt.GraphicsNode;
import org.w3c.dom.Document;

/**
 * The check after drawing: Batik's own geometry of every filled text box compared with the box and with the
 * layout's safe area (data-safe on the root, in pixels from each edge). A breach becomes a problem on the card.
 */
final class CardGeometry {

    /** Batik may draw a glyph's antialiased edge this far outside the measured box. */
    private static final double TOLERANCE = 2.0;

    private CardGeometry() {}

    static List<CardRenderer.TextBox> check(
            Document document,
            BridgeContext context,
            List<CardLayout.Placed> placed,
            CardFormat format,
            List<String> problems) {
        double safe = safeMargin(document);
        Rectangle2D safeArea =
                new Rectangle2D.Double(safe, safe, format.width() - 2 * safe, format.height() - 2 * safe);
        List<CardRenderer.TextBox> boxes = new ArrayList<>();
        for (CardLayout.Placed p : placed) {
            GraphicsNode node = context.getGraphicsNode(p.element());
            if (node == null) {
                continue;
            }
            Rectangle2D drawn = node.getTransformedGeometryBounds(node.getGlobalTransform());
            if (drawn == null) {
                continue;
            }
            Rectangle2D box = new Rectangle2D.Double(p.x(), p.y(), p.width(), p.height());
            if (!within(drawn, box)) {
                problems.add(
                        "the " + p.name() + " leaves its box: drawn at " + describe(drawn) + ", box " + describe(box));
            }
            if (!within(drawn, safeArea)) {
                problems.add("the " + p.name() + " leaves the safe area (" + Math.round(safe) + " px from each edge)");
            }
            boxes.add(new CardRenderer.TextBox(
                    p.name(), box, drawn, p.fitted().lines(), p.fitted().size()));
        }
        return boxes;
    }

    private static boolean within(Rectangle2D drawn, Rectangle2D box) {
        return drawn.getMinX() >= box.getMinX() - TOLERANCE
                && drawn.getMinY() >= box.getMinY() - TOLERANCE
                && drawn.getMaxX() <= box.getMaxX() + TOLERANCE
                && drawn.getMaxY() <= box.getMaxY() + TOLERANCE;
    }

    private static String describe(Rectangle2D r) {
        return String.format(Locale.ROOT, "%.0f,%.0f %.0fx%.0f", r.getX(), r.getY(), r.getWidth(), r.getHeight());
    }

    private static double safeMargin(Document document) {
        String value = document.getDocumentElement().getAttribute("data-safe");
        try {
            return value.isBlank() ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
