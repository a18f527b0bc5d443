package org.ptreplay.tools.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A sweep's output in a local directory; writes go to a temporary file renamed into place. */
public final class DirStore implements SweepStore {
    private final Path dir;

    public DirStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public boolean exists(String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    @Override
    public String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        // A name of this thread's own beside the target (createTempFile would make it owner-only).
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + Thread.currentThread().getId());
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String describe(String name) {
        return dir.resolve(name).toString();
    }
}
