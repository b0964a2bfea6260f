package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gauzy.bridge.BridgeApplication;
import org.gauzy.bridge.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default, as a newcomer meets it: the first start creates the H2 file database, a
 * tenant and a SUPER_ADMIN whose generated password is printed once; a restart keeps everything,
 * including sessions, and prints no password.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {

    private static final Pattern PASSWORD = Pattern.compile("shown only this once[^\\n]*\\n\\s*\\n\\s+(\\S+)");

    @Test
    void firstStartPrintsAGeneratedPasswordOnceAndARestartKeepsEverything(@TempDir Path data, CapturedOutput output)
            throws Exception {
        String token;
        String password;
        try (var first = start(data)) {
            Matcher printed = PASSWORD.matcher(output.getOut());
            assertThat(printed.find()).as("the generated password is printed").isTrue();
            password = printed.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(output.getOut())
                    .contains("listening on http://localhost:")
                    .contains("database: H2");

            var login = api(first)
                    .post("/api/auth/login")
                    .json(Map.of("email", "owner@first.test", "password", password))
                    .send();
            assertThat(login.status()).isEqualTo(200);
            token = login.body().path("token").asString();
        }
        assertThat(Files.exists(data.resolve("gauzy.mv.db"))).isTrue();
        assertThat(Files.getPosixFilePermissions(data.resolve(SigningKeys.FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        int printedBefore = countOccurrences(output.getOut(), "shown only this once");

        try (var second = start(data)) {
            assertThat(countOccurrences(output.getOut(), "shown only this once"))
                    .isEqualTo(printedBefore);
            var me = api(second).get("/api/user/me").token(token).send();
            assertThat(me.status()).as("a session survives a restart").isEqualTo(200);
            assertThat(me.body().path("tenant").path("name").asString()).isEqualTo("First Co");
        }
        assertThat(output.getOut()).doesNotContain("password_hash");
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(BridgeApplication.class)
                .run(
                        "--server.port=0",
                        "--gauzy.data-dir=" + data,
                        "--gauzy.identity.admin.email=owner@first.test",
                        "--gauzy.identity.admin.password=",
                        "--gauzy.identity.admin.tenant-name=First Co");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
