package io.herald.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Reader pages' forms, used as a browser uses them. */
public final class Forms {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private Forms() {}

    /** Opens a page and posts its form back with the CSRF token, as a browser does. */
    public static ExtractableResponse<Response> submit(String page, String action, Object... params) {
        return submitAs(io.restassured.RestAssured::given, page, action, params);
    }

    /** As {@link #submit}, signed in as {@code as} gives (Api::ops, Api::editor). */
    public static ExtractableResponse<Response> submitAs(
            java.util.function.Supplier<io.restassured.specification.RequestSpecification> as,
            String page,
            String action,
            Object... params) {
        ExtractableResponse<Response> get =
                as.get().get(page).then().statusCode(200).extract();
        Matcher m = TOKEN.matcher(get.asString());
        assertThat(m.find()).isTrue();
        var request = as.get()
                .redirects()
                .follow(false)
                .cookie("herald-csrf", get.cookie("herald-csrf"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", m.group(1));
        for (int i = 0; i < params.length; i += 2) {
            request = request.formParam((String) params[i], params[i + 1]);
        }
        return request.post(action).then().extract();
    }
}
