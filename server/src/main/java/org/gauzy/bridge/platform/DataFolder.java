package org.gauzy.bridge.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folder where the embedded default keeps what it generates: the H2 database and the keys that
 * configuration did not provide. Generated secret files are readable by the owner only.
 */
@Component
public class DataFolder {

    private final Path root;

    DataFolder(@Value("${gauzy.data-dir}") String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Reads a generated secret file, if it exists. */
    public Optional<String> readSecret(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes a generated secret file with owner-only permissions, creating the folder if needed. */
    public void writeSecret(String name, String content) {
        Path file = root.resolve(name);
        try {
            Files.createDirectories(root);
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's ACL applies.
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
