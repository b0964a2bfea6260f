package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which webhook targets are refused (SSRF), with private targets allowed and not. */
class TargetGuardTests {

    static TargetGuard guard(boolean allowPrivate) {
        return new TargetGuard(new WebhookSettings(
                allowPrivate,
                Duration.ofSeconds(3),
                Duration.ofSeconds(10),
                List.of(Duration.ofSeconds(10)),
                Duration.ofDays(3),
                Duration.ofSeconds(1),
                Duration.ofMillis(20),
                4,
                100,
                Duration.ofMinutes(2),
                Duration.ofDays(7)));
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefused() {
        var strict = guard(false);
        for (String url : List.of(
                "http://127.0.0.1:8080/hook",
                "http://10.1.2.3/hook",
                "http://192.168.1.10/hook",
                "http://172.16.5.4/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]/hook",
                "http://localhost/hook",
                "http://0.0.0.0/hook",
                "http://100.64.0.1/hook",
                "http://[fd00::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://[::127.0.0.1]/hook",
                "http://[::a00:1]/hook",
                "http://[64:ff9b::a00:1]/hook",
                "http://[64:ff9b::7f00:1]/hook",
                "http://[2002:a00:1::1]/hook",
                "http://[2002:7f00:1::]/hook",
                "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",
                "http://[64:ff9b:1::a00:1]/hook")) {
            assertThat(strict.refusal(url)).as(url).isPresent();
        }
        assertThat(strict.refusal("http://127.0.0.1/hook").orElseThrow()).contains("WEBHOOKS_ALLOW_PRIVATE_TARGETS");
        assertThat(strict.refusal("ftp://example.com/hook")).isPresent();
        assertThat(strict.refusal("http://user:pass@example.com/hook")).isPresent();
        assertThat(strict.refusal("not a url")).isPresent();
    }

    @Test
    void allowingPrivateTargetsStillRefusesTheMetadataAddress() {
        var relaxed = guard(true);
        assertThat(relaxed.refusal("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(relaxed.refusal("http://10.1.2.3/hook")).isEmpty();
        assertThat(relaxed.refusal("http://169.254.169.254/latest/meta-data")).isPresent();
        for (String embedded : List.of(
                "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::1]/")) {
            assertThat(relaxed.refusal(embedded)).as(embedded).isPresent();
        }
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        for (String address : List.of(
                "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(address)))
                    .as(address)
                    .isTrue();
        }
    }
}
