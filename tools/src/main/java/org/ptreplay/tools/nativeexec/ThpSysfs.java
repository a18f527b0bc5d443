package org.ptreplay.tools.nativeexec;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ptreplay.core.value.ThpSpec;

/**
 * The THP settings of the running kernel in sysfs ({@code enabled} and every
 * {@code hugepages-<N>kB/enabled}): read them, apply a {@link ThpSpec} as root, and put back what
 * was there. The directory is a parameter so tests can use a fake one.
 */
public final class ThpSysfs {
    public static final Path DEFAULT = Path.of("/sys/kernel/mm/transparent_hugepage");
    private static final Pattern SIZE_DIR = Pattern.compile("hugepages-(\\d+)kB");
    private static final Pattern SELECTED = Pattern.compile("\\[(\\w+)]");

    private final Path root;
    private final boolean mayWrite;
    /** The file root processes that change the settings take turns on ({@link #exclusive}). */
    private final Path lockFile;

    /** The settings under {@code root}, changed only where this process may write them (as root). */
    public ThpSysfs(Path root) {
        this(root, Files.isWritable(root.resolve("enabled")));
    }

    /** As above, with the permission given: tests simulate a user without root on a writable fake. */
    public ThpSysfs(Path root, boolean mayWrite) {
        this.root = root;
        this.mayWrite = mayWrite;
        Path runLock = Path.of("/run/lock");
        this.lockFile = !root.equals(DEFAULT) ? root.resolve("ptreplay-thp.lock")
                : Files.isDirectory(runLock) ? runLock.resolve("ptreplay-thp.lock")
                : Path.of(System.getProperty("java.io.tmpdir"), "ptreplay-thp.lock");
    }

    /**
     * This process's turn at the settings, until closed. Two processes that set them at once (two
     * ptreplay runs executing traces) would each read the other's settings as the ones to put
     * back, and the later restore would leave the earlier run's settings behind; so a process takes
     * the turn before it reads what to restore and keeps it until it has restored. Waits while
     * another process has the turn, after calling {@code waiting}.
     */
    public Closeable exclusive(Runnable waiting) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                waiting.run();
                channel.lock();
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        // Closing the channel releases its lock.
        return channel;
    }

    public boolean present() {
        return Files.isRegularFile(root.resolve("enabled"));
    }

    /** Whether this process may change the settings (root, or a writable fake). */
    public boolean writable() {
        return mayWrite;
    }

    /** The PMD size in KiB ({@code hpage_pmd_size}), 2048 where it is not readable. */
    public long pmdKb() {
        try {
            return Long.parseLong(Files.readString(root.resolve("hpage_pmd_size")).strip()) / 1024;
        } catch (IOException | NumberFormatException e) {
            return 2048;
        }
    }

    /** The mTHP sizes the kernel offers, in KiB. */
    public List<Long> sizesKb() throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "hugepages-*kB")) {
            for (Path d : dirs) {
                Matcher m = SIZE_DIR.matcher(d.getFileName().toString());
                if (m.matches() && Files.isRegularFile(d.resolve("enabled"))) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The current settings: file (relative to the root) → selected value. */
    public SortedMap<String, String> read() throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        out.put("enabled", selected(root.resolve("enabled")));
        for (long kb : sizesKb()) {
            String file = "hugepages-" + kb + "kB/enabled";
            out.put(file, selected(root.resolve(file)));
        }
        return out;
    }

    /** The current settings as a spec: what the simulation should use when the run used them as they were. */
    public ThpSpec current(long pmdKb) throws IOException {
        SortedMap<String, String> now = read();
        SortedMap<Long, String> sizes = new TreeMap<>();
        for (long kb : sizesKb()) {
            String setting = now.get("hugepages-" + kb + "kB/enabled");
            // Only what differs from the kernel default, so that a size the model lacks (a kernel
            // offering 8K) does not appear while it is off.
            if (!setting.equals(ThpSpec.DEFAULT.sizeSetting(kb, pmdKb))) {
                sizes.put(kb, setting);
            }
        }
        return new ThpSpec(now.get("enabled"), sizes);
    }

    /** The settings {@code spec} means on this kernel: every size it offers, defaults for those not named. */
    public SortedMap<String, String> wanted(ThpSpec spec, long pmdKb) throws IOException, NativeRefusal {
        List<Long> offered = sizesKb();
        for (long kb : spec.perSizeKb().keySet()) {
            if (!offered.contains(kb)) {
                throw new NativeRefusal("this kernel has no " + kb + " KiB THP size (it offers " + offered + " KiB)");
            }
        }
        SortedMap<String, String> out = new TreeMap<>();
        out.put("enabled", spec.enabled());
        for (long kb : offered) {
            out.put("hugepages-" + kb + "kB/enabled", spec.sizeSetting(kb, pmdKb));
        }
        return out;
    }

    /** Writes every setting; the caller restores with {@link #write} of what {@link #read} gave, in a finally. */
    public void write(Map<String, String> settings) throws IOException {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Files.writeString(root.resolve(e.getKey()), e.getValue());
        }
    }

    private static String selected(Path file) throws IOException {
        String text = Files.readString(file).strip();
        Matcher m = SELECTED.matcher(text);
        return m.find() ? m.group(1) : text;
    }
}
