package org.gauzy.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's first command after the build: {@code target/app/gauzy-bridge}, the launcher that runs the
 * extracted jar on the Java its start-up cache was trained for, with the options next to it. A node started this
 * way runs as an operator's does, on whichever Java the build picked.
 */
public final class BuiltLauncher {

    public static final Path APP = Path.of("target", "app");
    public static final Path LAUNCHER = APP.resolve("gauzy-bridge");

    private BuiltLauncher() {}

    /**
     * Starts a node in {@code folder} (its data and its {@code node.log}) with these service arguments;
     * {@code jvmOptions}, if not blank, go to the JVM through {@code JDK_JAVA_OPTIONS}, as an operator adds them.
     */
    public static Process start(Path folder, String jvmOptions, String... arguments) {
        assertThat(LAUNCHER)
                .as("the launcher the build writes (mvn package, which mvn verify runs before the ITs)")
                .isExecutable();
        var command = new ArrayList<String>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.add("--gauzy.data-dir=" + folder.resolve("data"));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log(folder).toFile());
        if (!jvmOptions.isBlank()) {
            builder.environment().put("JDK_JAVA_OPTIONS", jvmOptions);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path log(Path folder) {
        return folder.resolve("node.log");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM option that makes a start fail, rather than go on without it, when the cache the options file names
     * cannot be used: an AOT cache's {@code -XX:AOTMode=on} or an archive's {@code -Xshare:on}.
     */
    public static String cacheRequired() {
        String options = read(APP.resolve("gauzy-bridge.options"));
        if (options.lines().anyMatch(line -> line.startsWith("-XX:AOTCache="))) {
            return "-XX:AOTMode=on";
        }
        assertThat(options.lines().anyMatch(line -> line.startsWith("-XX:SharedArchiveFile=")))
                .as("the options file names a start-up cache")
                .isTrue();
        return "-Xshare:on";
    }
}
