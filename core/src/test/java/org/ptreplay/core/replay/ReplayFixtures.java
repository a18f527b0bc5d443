package org.ptreplay.core.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.linux.mremap.NoPgtableMove;
import org.ptreplay.core.linux.memory.PerPteCopyPtes;
import org.ptreplay.core.linux.mremap.PerPteMovePtes;
import org.ptreplay.core.linux.memory.PerPteZapPtes;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.sim.TestArch;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Strategy;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;

/** Cells on the core's test architecture (named x86, so the tiny-x86 profile fits), and in-memory traces. */
final class ReplayFixtures {
    private ReplayFixtures() {
    }

    /** The core's test architecture under another name, with the options given. */
    record NamedArch(String name, List<OptionSpec> options) implements Architecture {
        private static final TestArch TEST = new TestArch();

        public String description() { return "test architecture named " + name; }
        public String spiVersion() { return TEST.spiVersion(); }
        public PageTableGeometry geometry(Map<String, String> o) { return TEST.geometry(Map.of()); }
        public ArchMmu create(Map<String, String> o, MmuEnv env) { return TEST.create(Map.of(), env); }
    }

    static final Architecture X86 = new NamedArch("x86", List.of(
            new OptionSpec("invlpgb", "off", List.of("on", "off"), "broadcast flush")));

    static MachineProfile profile(String resource) {
        try (InputStream in = MachineProfile.class.getResourceAsStream(resource)) {
            return MachineProfiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidProfileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The core's reference strategies, with the preset options given. */
    static ResolvedKernel reference(String name, Map<String, String> presetOptions) {
        Map<KernelPath, Strategy> s = new EnumMap<>(KernelPath.class);
        s.put(KernelPath.MOVE_PTES, new PerPteMovePtes());
        s.put(KernelPath.PGTABLE_MOVE, new NoPgtableMove());
        s.put(KernelPath.COPY_PTES, new PerPteCopyPtes());
        s.put(KernelPath.ZAP_PTES, new PerPteZapPtes());
        s.put(KernelPath.CHANGE_PTES, new org.ptreplay.core.linux.mprotect.PerPteChangePtes());
        return new ResolvedKernel(name, "x86", s, presetOptions, KernelConfig.CURRENT, true);
    }

    static CellSpec cell(String name, int concurrency, boolean strict) {
        return new CellSpec(X86, Map.of(), reference(name, Map.of()), profile("/org/ptreplay/core/profile/tiny-x86.txtpb"),
                ThpSpec.DEFAULT, Placement.SEQUENTIAL, 0, 0, concurrency, strict);
    }

    /**
     * {@code rounds} times: map 64 KiB, write it, fork a child that writes half of it and exits,
     * move the parent's mapping 8 MiB + 4 KiB up (not PMD-aligned: per-PTE move). 6 events a round; pid 1 forks
     * children 1000 + round.
     */
    static List<TraceEvent> workload(int rounds) {
        List<TraceEvent> events = new java.util.ArrayList<>();
        long len = 64 << 10;
        for (int r = 0; r < rounds; r++) {
            long a = 0x10_0000_0000L + r * 0x100_0000L;
            int child = 1000 + r;
            events.add(new TraceEvent.Mmap(1, 0, a, len, Flags.PROT_READ | Flags.PROT_WRITE,
                    Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED, -1, 0, a));
            events.add(new TraceEvent.Touch(1, 0, a, len, true));
            events.add(new TraceEvent.Fork(1, 0, child, 0, child));
            events.add(new TraceEvent.Touch(child, 0, a, len / 2, true));
            events.add(new TraceEvent.Exit(child, 0, 0, true));
            events.add(new TraceEvent.Mremap(1, 0, a, len, len, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, a + 0x80_0000L + 4096,
                    a + 0x80_0000L + 4096));
        }
        return events;
    }

    static final TraceHeader HEADER = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "test",
            new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "replay fixtures", Map.of()),
            TraceHeader.Machine.UNKNOWN, 0);

    /** The events as a trace source; with {@code failAt} &ge; 0, reading event {@code failAt} throws. */
    static TraceSource source(List<TraceEvent> events, long failAt) {
        Iterator<TraceEvent> it = events.iterator();
        return new TraceSource() {
            private long index = -1;

            public TraceHeader header() { return HEADER; }

            public TraceEvent next() throws TraceException {
                if (index + 1 == failAt) {
                    throw TraceException.atEvent("mem.ptrace", failAt, "truncated packet");
                }
                if (!it.hasNext()) {
                    return null;
                }
                index++;
                return it.next();
            }

            public long eventIndex() { return index; }

            public void close() { }
        };
    }
}
