package org.ptreplay.tools.trace;

import org.ptreplay.tools.plugin.PluginLoader;
import static org.ptreplay.trace.Flags.MAP_ANONYMOUS;
import static org.ptreplay.trace.Flags.MAP_FIXED;
import static org.ptreplay.trace.Flags.MAP_PRIVATE;
import static org.ptreplay.trace.Flags.PROT_READ;
import static org.ptreplay.trace.Flags.PROT_WRITE;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/** Short event constructors and headers for hand-written analysis fixtures (4 KiB pages, 1 µs apart). */
final class Fixture {
    private Fixture() {
    }

    static final long UNKNOWN = TraceEvent.UNKNOWN_RESULT;
    static final int RW = PROT_READ | PROT_WRITE;
    static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    static final int ANON_FIXED = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    static final long DT = 1000;

    private static final Providers BUILT_IN = PluginLoader.load(List.of());

    static TraceHeader header(TraceHeader.SourceKind kind) {
        return new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "test",
                new TraceHeader.Source(kind, "fixture", Map.of("page_size", "4096")), TraceHeader.Machine.UNKNOWN, 0);
    }

    static Architecture arch(String name) {
        return BUILT_IN.require(ProviderKind.ARCHITECTURE, name);
    }

    static VmaReplay replay(TraceHeader h) {
        return new VmaReplay(h, arch("x86"), arch("arm64"));
    }

    static TraceEvent.Mmap mmap(int pid, long addr, long len, int prot, int flags, long result) {
        return new TraceEvent.Mmap(pid, DT, addr, len, prot, flags, -1, 0, result);
    }

    static TraceEvent.Mmap mmapFile(int pid, long addr, long len, int fd, long result) {
        return new TraceEvent.Mmap(pid, DT, addr, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0, result);
    }

    static TraceEvent.Munmap munmap(int pid, long addr, long len, long result) {
        return new TraceEvent.Munmap(pid, DT, addr, len, result);
    }

    static TraceEvent.Mremap mremap(int pid, long old, long oldLen, long newLen, int flags, long result) {
        return new TraceEvent.Mremap(pid, DT, old, oldLen, newLen, flags, 0, result);
    }

    static TraceEvent.Brk brk(int pid, long addr, long result) {
        return new TraceEvent.Brk(pid, DT, addr, result);
    }

    static TraceEvent.Fork fork(int pid, int child, long flags) {
        return new TraceEvent.Fork(pid, DT, child, flags, child);
    }

    static TraceEvent.Exec exec(int pid) {
        return new TraceEvent.Exec(pid, DT, 0);
    }

    static TraceEvent.Exit exit(int pid, boolean group) {
        return new TraceEvent.Exit(pid, DT, 0, group);
    }

    static TraceEvent.Touch touch(int pid, long addr, long len) {
        return new TraceEvent.Touch(pid, DT, addr, len, true);
    }
}
