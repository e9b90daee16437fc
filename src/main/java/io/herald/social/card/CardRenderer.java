package io.herald.social.card;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Dimension2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.herald.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.DocumentLoader;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.ext.awt.RenderingHintsKeyExt;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns a card's SVG (a Qute-rendered layout from templates/cards/) into PNG and JPEG with Apache Batik: the
 * article photo fetched and embedded, the text boxes filled by {@link CardLayout}, then drawn once and encoded twice.
 * After drawing, Batik's own geometry of every filled box is compared with the box and the layout's safe area
 * (data-safe on the root, in pixels from each edge): text that would leave either is reported, not shipped silently.
 * Cards load nothing from outside (no scripts, no external images or fonts; the photo arrives inlined).
 */
@ApplicationScoped
public class CardRenderer {

    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    /** What a card became: its images, what could not be drawn as asked, and each text box as filled. */
    public record Rendered(byte[] png, byte[] jpeg, List<String> problems, List<TextBox> boxes) {}

    /** A filled text box, its lines and where Batik actually drew them. */
    public record TextBox(String name, Rectangle2D box, Rectangle2D drawn, List<String> lines, float size) {}

    private final CardFonts fonts;
    private final PhotoFetcher photos;
    private final CardsConfig config;

    CardRenderer(CardFonts fonts, PhotoFetcher photos, CardsConfig config) {
        this.fonts = fonts;
        this.photos = photos;
        this.config = config;
    }

    public Rendered render(String svg, CardFormat format) {
        List<String> problems = new ArrayList<>();
        Document document = parse(svg);
        inlinePhotos(document, problems);
        List<CardLayout.Placed> placed = CardLayout.apply(document, fonts, problems);
        CardAgent agent = new CardAgent(format, problems);
        BridgeContext context = new BridgeContext(agent, new DocumentLoader(agent));
        // Interactive keeps each element's drawn node for the geometry check; scripts stay off (NoLoadScriptSecurity).
        context.setDynamicState(BridgeContext.INTERACTIVE);
        try {
            GraphicsNode root = new GVTBuilder().build(context, document);
            Dimension2D size = context.getDocumentSize();
            AffineTransform scale = AffineTransform.getScaleInstance(
                    format.width() / size.getWidth(), format.height() / size.getHeight());
            List<TextBox> boxes = CardGeometry.check(document, context, placed, format, problems);
            BufferedImage image = paint(root, scale, format);
            return new Rendered(
                    CardImages.png(image), CardImages.jpeg(image, config.jpegQuality()), List.copyOf(problems), boxes);
        } catch (RuntimeException e) {
            throw Refusal.invalid(
                    "template", "the card layout " + format.template() + " cannot be drawn: " + e.getMessage());
        } finally {
            context.dispose();
        }
    }

    private static Document parse(String svg) {
        SAXSVGDocumentFactory factory = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName());
        try {
            return factory.createDocument("https://cards.herald.invalid/card.svg", new StringReader(svg));
        } catch (IOException e) {
            throw Refusal.invalid("template", "a card layout is not well-formed SVG: " + e.getMessage());
        }
    }

    /** Every image with an http(s) address gets the fetched photo inlined; one that cannot be had is removed. */
    private void inlinePhotos(Document document, List<String> problems) {
        NodeList images = document.getElementsByTagNameNS(CardLayout.SVG_NS, "image");
        List<Element> remote = new ArrayList<>();
        for (int i = 0; i < images.getLength(); i++) {
            Element image = (Element) images.item(i);
            String href = image.getAttributeNS(XLINK_NS, "href");
            if (href.startsWith("http://") || href.startsWith("https://")) {
                remote.add(image);
            }
        }
        for (Element image : remote) {
            PhotoFetcher.Photo photo = photos.fetch(image.getAttributeNS(XLINK_NS, "href"));
            if (photo.ok()) {
                image.setAttributeNS(
                        XLINK_NS,
                        "xlink:href",
                        "data:" + photo.type() + ";base64,"
                                + Base64.getEncoder().encodeToString(photo.bytes()));
            } else {
                problems.add("the card is drawn without the photo: " + photo.problem());
                Node group = photoGroup(image);
                group.getParentNode().removeChild(group);
            }
        }
    }

    /** The element to remove with a photo: its enclosing {@code <g data-photo>} (photo and credit), else itself. */
    private static Node photoGroup(Element image) {
        for (Node n = image; n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            if (((Element) n).hasAttribute("data-photo")) {
                return n;
            }
        }
        return image;
    }

    private static BufferedImage paint(GraphicsNode root, AffineTransform scale, CardFormat format) {
        BufferedImage image = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHintsKeyExt.KEY_BUFFERED_IMAGE, new WeakReference<>(image));
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, format.width(), format.height());
            g.transform(scale);
            root.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}
