package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.Channel;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Telegram Bot API (https://core.telegram.org/bots/api): sendMessage with parse_mode HTML, the title in bold and
 * every other character escaped (&amp; &lt; &gt; are the only ones HTML mode needs); sendPhoto with the article's
 * card uploaded (multipart/form-data) when the text fits a caption (1,024 characters), else with the article's photo
 * by its address, else sendMessage. The Bot API has no idempotency key and no way to list a
 * channel's messages, so a post whose outcome was lost goes to a person ({@link Recovery#NONE}).
 */
@ApplicationScoped
public class TelegramPublisher implements Publisher {

    private final SocialConfig.Telegram config;
    private final PlatformHttp http;

    TelegramPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.telegram();
        this.http = http;
    }

    @Override
    public String id() {
        return "telegram";
    }

    @Override
    public boolean configured() {
        return config.botToken().isPresent() && config.chatId().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.telegram.bot-token and herald.social.telegram.chat-id";
    }

    @Override
    public Recovery recovery() {
        return Recovery.NONE;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        String html = html(post.text(), post.title());
        boolean fitsCaption = html.length() <= Channel.TELEGRAM_CAPTION_LIMIT;
        if (post.hasMedia() && fitsCaption) {
            // The card uploaded with the caption (multipart): Telegram need not reach Herald to fetch it.
            Multipart form = new Multipart()
                    .field("chat_id", config.chatId().orElseThrow())
                    .field("caption", html)
                    .field("parse_mode", "HTML")
                    .file(
                            "photo",
                            post.media().fileName(),
                            post.media().type(),
                            post.media().bytes());
            return published(http.request(endpoint("sendPhoto"))
                    .header("Content-Type", form.contentType())
                    .POST(form.publisher())
                    .build());
        }
        boolean photo = post.hasImage() && fitsCaption;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", config.chatId().orElseThrow());
        if (photo) {
            body.put("photo", post.imageUrl());
            body.put("caption", html);
        } else {
            body.put("text", html);
        }
        body.put("parse_mode", "HTML");
        String method = photo ? "sendPhoto" : "sendMessage";
        return published(http.request(endpoint(method))
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body))
                .build());
    }

    private String endpoint(String method) {
        return PlatformHttp.trimSlash(config.apiUrl()) + "/bot"
                + config.botToken().orElseThrow() + "/" + method;
    }

    private Published published(java.net.http.HttpRequest request) throws PublishFailure {
        JsonNode answer = http.read(http.send(request, "Telegram"), "Telegram");
        if (!answer.path("ok").asBoolean(false)) {
            throw PublishFailure.permanent("Telegram refused the message: "
                    + answer.path("description").asText());
        }
        String messageId = answer.path("result").path("message_id").asText();
        String chat = config.chatId().get();
        String username = answer.path("result").path("chat").path("username").asText(null);
        String link = username != null
                ? "https://t.me/" + username + "/" + messageId
                : chat.startsWith("@") ? "https://t.me/" + chat.substring(1) + "/" + messageId : null;
        return new Published(messageId, link);
    }

    /** The teaser as Telegram HTML: escaped, with its first line (the headline) in bold when it is the title. */
    static String html(String text, String title) {
        String escaped = escape(text);
        if (title != null && text.startsWith(title)) {
            return "<b>" + escape(title) + "</b>"
                    + escaped.substring(escape(title).length());
        }
        return escaped;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
