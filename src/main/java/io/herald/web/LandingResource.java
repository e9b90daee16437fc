package io.herald.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.List;
import javax.imageio.ImageIO;

import io.herald.config.HeraldConfig;
import io.herald.delivery.SendHistory;
import io.herald.signup.Signups;
import io.herald.subscriber.MailingList;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The publication's front door at /: its name, its open lists with a signup form, and links to its recent
 * editions; and /favicon.ico, so that a browser asking for one finds it.
 */
@Path("/")
@PermitAll
public class LandingResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing(String publication, List<MailingList> lists, List<EditionLink> editions);
    }

    /** A past edition as the page lists it, its day written in the page's language and its list's time zone. */
    record EditionLink(long editionId, String listName, String leadTitle, String sentOn) {}

    private static final byte[] FAVICON = icon();

    private final Signups signups;
    private final SendHistory history;
    private final HeraldConfig config;
    private final ReaderLanguage language;

    LandingResource(Signups signups, SendHistory history, HeraldConfig config, ReaderLanguage language) {
        this.language = language;
        this.signups = signups;
        this.history = history;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance landing(
            @jakarta.ws.rs.QueryParam("lang") String lang,
            @jakarta.ws.rs.HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        String in = language.of(lang, acceptLanguage);
        List<EditionLink> editions = history.recentEditions(10).stream()
                .map(e -> new EditionLink(
                        e.editionId(), e.listName(), e.leadTitle(), ReaderLanguage.date(e.sentAt(), e.zone(), in)))
                .toList();
        return Templates.landing(config.publication().name(), signups.openLists(), editions)
                .setLocale(in);
    }

    @GET
    @Path("favicon.ico")
    @Produces("image/x-icon")
    public Response favicon() {
        return Response.ok(FAVICON)
                .header("Cache-Control", "public, max-age=86400")
                .build();
    }

    /** A 32 px icon (a page with lines of text in the email's accent colour) as an ICO holding one PNG. */
    static byte[] icon() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x8a, 0x1c, 0x1c));
        g.fillRoundRect(0, 0, 32, 32, 8, 8);
        g.setColor(Color.WHITE);
        g.fillRect(7, 7, 18, 4);
        for (int y = 14; y <= 24; y += 5) {
            g.fillRect(7, y, 18, 2);
        }
        g.dispose();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            ByteBuffer ico = ByteBuffer.allocate(22 + png.size()).order(ByteOrder.LITTLE_ENDIAN);
            ico.putShort((short) 0).putShort((short) 1).putShort((short) 1); // reserved, type icon, one image
            ico.put((byte) 32).put((byte) 32).put((byte) 0).put((byte) 0); // 32 x 32, no palette
            ico.putShort((short) 1).putShort((short) 32).putInt(png.size()).putInt(22); // planes, bpp, size, offset
            ico.put(png.toByteArray());
            return ico.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
