package org.ptreplay.benchmarks;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceReader;
import org.ptreplay.trace.TraceWriter;
import org.ptreplay.trace.proto.Packet;

/**
 * Decode throughput of a zstd trace of {@value #EVENTS} small events read by one caller thread
 * (the reader decompresses on its own read-ahead thread); the score is events per second. The trace: four threads, each growing its heap with mremap by 64 KiB
 * (10% of the events, one in eight moves the heap) and touching pages (90%: three in four are the
 * first touch of the next page, one in four any page touched before); 0-2 us between events.
 *
 * <ul>
 *   <li>{@code decode}: {@link TraceReader}, the real thing (zstd on the read-ahead thread, framing
 *       + hand-written decoder + one event record per event on the caller's);</li>
 *   <li>{@code zstdOnly}: the same file decompressed on one thread and thrown away, the ceiling
 *       for any decoder whose decompression runs on one thread;</li>
 *   <li>{@code generatedParse}: zstd + the generated {@code Packet.parseDelimitedFrom}, the
 *       alternative the hand-written decoder replaces.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DecodeBenchmark {

    static final int EVENTS = 10_000_000;

    private Path file;

    @Setup(Level.Trial)
    public void writeTrace() throws IOException {
        file = Files.createTempFile("ptreplay-decode-", ".ptrace");
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "DecodeBenchmark",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "touch/mremap mix", Map.of("events", "" + EVENTS)),
                TraceHeader.Machine.UNKNOWN, EVENTS);
        Random r = new Random(1);
        long[] region = {0x7f0000000000L, 0x7f1000000000L, 0x7f2000000000L, 0x7f3000000000L};
        long[] length = {1 << 20, 1 << 20, 1 << 20, 1 << 20};
        long[] touched = {0, 0, 0, 0};
        try (TraceWriter w = TraceWriter.create(file, Codec.ZSTD, header)) {
            for (int i = 0; i < EVENTS; i++) {
                int t = r.nextInt(4);
                int pid = 1000 + t;
                long dt = r.nextInt(2000);
                if (touched[t] == length[t] || r.nextInt(10) == 0) {
                    // Grow the thread's heap by 64 KiB, moving it one time in eight.
                    long grown = length[t] + (64 << 10);
                    long to = r.nextInt(8) == 0 ? region[t] + (1L << 32) : region[t];
                    w.write(new TraceEvent.Mremap(pid, dt, region[t], length[t], grown, Flags.MREMAP_MAYMOVE, 0, to));
                    region[t] = to;
                    length[t] = grown;
                } else if (r.nextInt(4) != 0) {
                    // First touch of the next page, as a growing heap does.
                    w.write(new TraceEvent.Touch(pid, dt, region[t] + touched[t], 4096, true));
                    touched[t] += 4096;
                } else {
                    // Any page touched before.
                    long page = r.nextInt((int) (Math.max(touched[t], 4096) >>> 12));
                    w.write(new TraceEvent.Touch(pid, dt, region[t] + (page << 12), 4096, r.nextBoolean()));
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteTrace() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long decode(Blackhole bh) throws IOException {
        long n = 0;
        try (TraceReader r = TraceReader.open(file)) {
            for (TraceEvent e; (e = r.next()) != null; ) {
                bh.consume(e);
                n++;
            }
        }
        return check(n);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long zstdOnly() throws IOException {
        byte[] buf = new byte[1 << 20];
        long bytes = 0;
        try (InputStream in = new ZstdInputStreamNoFinalizer(Files.newInputStream(file), RecyclingBufferPool.INSTANCE)) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                bytes += r;
            }
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long generatedParse(Blackhole bh) throws IOException {
        long n = 0;
        try (InputStream in = new BufferedInputStream(
                new ZstdInputStreamNoFinalizer(Files.newInputStream(file), RecyclingBufferPool.INSTANCE), 1 << 16)) {
            for (Packet p; (p = Packet.parseDelimitedFrom(in)) != null; ) {
                bh.consume(p);
                n++;
            }
        }
        return check(n - 1); // the header packet
    }

    private static long check(long events) {
        if (events != EVENTS) {
            throw new IllegalStateException("decoded " + events + " events, wrote " + EVENTS);
        }
        return events;
    }
}
