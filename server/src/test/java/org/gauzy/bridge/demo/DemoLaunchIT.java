package org.gauzy.bridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, as a user runs it: it carries no Activepieces simulator, says how to add one when asked for
 * the demo without it, and runs the demo with the README's command.
 */
class DemoLaunchIT {

    private static final Path JAR = Path.of("target", "gauzy-bridge.jar");
    private static final String SANDBOX_CLASSES = Path.of("..", "activepieces-sandbox", "target", "classes")
            .toAbsolutePath()
            .normalize()
            .toString();

    @TempDir
    Path folder;

    @Test
    void theJarCarriesNoSimulator() throws IOException {
        try (var jar = new JarFile(JAR.toFile())) {
            List<String> simulator = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.contains("activepieces-sandbox") || name.contains("bridge/sandbox/"))
                    .toList();
            assertThat(simulator).isEmpty();
        }
    }

    @Test
    void theDemoWithoutTheSandboxSaysHowToAddIt() throws Exception {
        Path log = folder.resolve("alone.log");
        Process process = start(List.of(), log);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the jar exits at once")
                .isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("-Dloader.path=activepieces-sandbox/target/classes");
    }

    @Test
    void theReadmeCommandRunsTheDemo() throws Exception {
        Path log = folder.resolve("demo.log");
        Process process = start(List.of("-Dloader.path=" + SANDBOX_CLASSES), log);
        try {
            Pattern open = Pattern.compile("Open\\s+(http://localhost:\\d+)/pages");
            Pattern ui = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/ui");
            String banner = Eventually.await(
                    () -> {
                        String out = read(log);
                        return open.matcher(out).find() && ui.matcher(out).find() ? out : null;
                    },
                    "the demo's banner",
                    Duration.ofSeconds(120));
            var gauzy = new Api(group(open.matcher(banner)));
            assertThat(gauzy.get("/pages/login").send().status()).isEqualTo(200);
            var sandbox = new Api(group(ui.matcher(banner)));
            assertThat(sandbox.get("/ui").send().status()).isEqualTo(200);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Process start(List<String> jvmArguments, Path log) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", JAR.toString(), "--demo", "--server.port=0", "--logging.level.root=WARN"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String group(Matcher matcher) {
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
