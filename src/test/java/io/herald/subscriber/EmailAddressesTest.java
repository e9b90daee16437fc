package io.herald.subscriber;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @Test
    void internationalDomainsBecomePunycodeAndCaseFolds() {
        // expected value from Python: "türkiye-haber.kz".encode("idna")
        assertThat(EmailAddresses.check("Reader@Türkiye-Haber.KZ").address())
                .isEqualTo("reader@xn--trkiye-haber-dlb.kz");
        assertThat(EmailAddresses.check("Ada@Example.ORG").address()).isEqualTo("ada@example.org");
    }

    @Test
    void refusesHeaderInjectionDisplayNamesQuotesAndNoDomain() {
        assertThat(EmailAddresses.check("a@example.org\r\nBcc: victim@example.org")
                        .problem())
                .contains("line breaks");
        assertThat(EmailAddresses.check("Ada <ada@example.org>").problem()).contains("bare address");
        assertThat(EmailAddresses.check("\"a b\"@example.org").problem()).contains("bare address");
        assertThat(EmailAddresses.check("ada@localhost").problem()).contains("no domain with a dot");
        assertThat(EmailAddresses.check("").problem()).contains("empty");
    }

    @Test
    void roleAccountsAreFlaggedNotRefused() {
        EmailAddresses.Result info = EmailAddresses.check("info@example.org");
        assertThat(info.ok()).isPresent();
        assertThat(info.roleAccount()).isTrue();
        assertThat(EmailAddresses.check("ada@example.org").roleAccount()).isFalse();
    }
}
