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

    @Test
    void aDomainTakenAsItIsIsOneThatIdnWouldReturnUnchanged() {
        // Every domain of up to four characters from this alphabet (and longer ones at random): where the shortcut
        // takes a domain as it is, IDN.toASCII with the STD3 rules returns it unchanged; where IDN does, so does it.
        char[] alphabet = {'a', 'Z', '7', '-', '.', '_', 'é'};
        java.util.List<String> domains = new java.util.ArrayList<>();
        domains.add("");
        for (int length = 1; length <= 4; length++) {
            int size = domains.size();
            for (int i = 0; i < size; i++) {
                if (domains.get(i).length() == length - 1) {
                    for (char c : alphabet) {
                        domains.add(domains.get(i) + c);
                    }
                }
            }
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder domain = new StringBuilder();
            int length = 1 + random.nextInt(80);
            for (int k = 0; k < length; k++) {
                domain.append(random.nextInt(10) < 8 ? 'q' : alphabet[random.nextInt(alphabet.length)]);
            }
            domains.add(domain.toString());
        }
        domains.add("x".repeat(63) + ".org");
        domains.add("x".repeat(64) + ".org");
        int taken = 0;
        for (String domain : domains) {
            String idn;
            try {
                idn = java.net.IDN.toASCII(domain, java.net.IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                idn = null;
            }
            boolean asIs = EmailAddresses.isAsciiHostName("a@" + domain, 2);
            if (asIs) {
                taken++;
                assertThat(idn).as(domain).isEqualTo(domain);
            } else if (domain.chars().allMatch(c -> c < 0x80) && !domain.isEmpty() && !domain.endsWith(".")) {
                assertThat(idn).as(domain).isNotEqualTo(domain);
            }
        }
        assertThat(taken).isGreaterThan(1000);
        assertThat(EmailAddresses.isAsciiHostName("a@" + "x".repeat(63) + ".org", 2))
                .isTrue();
        assertThat(EmailAddresses.isAsciiHostName("a@" + "x".repeat(64) + ".org", 2))
                .isFalse();
    }
}
