package io.herald.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Reader pages' forms, used as a browser uses them. */
public final class Forms {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private Forms() {}

    /** Opens a page and posts its form back with the CSRF token, as a browser does. */
    public static ExtractableResponse<Response> submit(String page, String action, Object... params) {
        ExtractableResponse<Response> get =
                given().get(page).then().statusCode(200).extract();
        Matcher m = TOKEN.matcher(get.asString());
        assertThat(m.find()).isTrue();
        var request = given().redirects()
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
