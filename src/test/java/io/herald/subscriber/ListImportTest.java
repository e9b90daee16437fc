package io.herald.subscriber;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** POST /api/lists/{id}/members: a CSV in, a report out; a bad row never aborts a good file. */
@QuarkusTest
class ListImportTest {

    @Test
    void aFileThatIsNotUtf8IsReportedAsSuch() {
        byte[] latin1 =
                "email,name\nlatin@example.net,Jos\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Api.ops()
                .contentType("text/csv")
                .body(latin1)
                .post("/api/lists/signup/members")
                .then()
                .statusCode(200)
                .body("rejected[0].reason", org.hamcrest.Matchers.containsString("not UTF-8"));
    }

    @Test
    void importsGoodRowsAndReportsEveryBadOneWithItsLine() {
        String csv = "email,name\n"
                + "import.one@example.net,Import One\n"
                + "not-an-address,Broken\n"
                + "IMPORT.ONE@example.net,Twice\n"
                + "import.two@Türkiye-haber.kz,Import Two\n"
                + "info@example.net,Desk\n"
                + "\"evil@example.net\r\nBcc: x@example.net\",Injected\n";
        JsonPath first = Api.ops()
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/lists/signup/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getInt("added")).as(first.prettify()).isEqualTo(3);
        assertThat(first.getList("rejected.line", Integer.class)).containsExactly(3, 4, 7);
        assertThat(first.getString("rejected[0].reason")).contains("not-an-address");
        assertThat(first.getString("rejected[1].reason")).contains("listed twice");
        assertThat(first.getString("rejected[2].reason")).contains("line breaks");
        assertThat(first.getList("roleAccounts", String.class)).containsExactly("line 6: info@example.net");

        JsonPath again = Api.ops()
                .contentType("text/csv; charset=UTF-8")
                .body(
                        "email,name\nimport.one@example.net,Import One Renamed\nimport.two@xn--trkiye-haber-dlb.kz,Import Two\n")
                .post("/api/lists/signup/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(again.getInt("added")).isZero();
        assertThat(again.getInt("updated")).isEqualTo(1);
        assertThat(again.getInt("unchanged")).isEqualTo(1);

        Api.ops()
                .contentType("text/csv")
                .body(new byte[0])
                .post("/api/lists/signup/members")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("body"));
        Api.ops()
                .contentType("text/csv")
                .body("name,address\nOne,one@example.net\n")
                .post("/api/lists/signup/members")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", is("body"))
                .body(
                        "errors[0].reason",
                        is("line 1: the header row must name an email column (found: name, address)"));
        Api.ops()
                .contentType("text/csv")
                .body("email\nx@example.net\n")
                .post("/api/lists/nope/members")
                .then()
                .statusCode(404);
        byte[] tooBig = ("email,name\n" + "someone@example.net,Someone With A Name\n".repeat(420_000))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Api.ops()
                .contentType("text/csv")
                .body(tooBig)
                .post("/api/lists/signup/members")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("errors[0].field", is("body"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("split the file"));
        Api.editor()
                .contentType("text/csv")
                .body("email\nx@example.net\n")
                .post("/api/lists/signup/members")
                .then()
                .statusCode(403);
    }
}
