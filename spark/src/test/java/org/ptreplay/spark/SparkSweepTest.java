package org.ptreplay.spark;

import org.ptreplay.tools.plugin.PluginLoader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.tools.sweep.Column;
import org.ptreplay.tools.sweep.DirStore;
import org.ptreplay.tools.sweep.JobRunner;
import org.ptreplay.tools.sweep.LocalEngine;
import org.ptreplay.tools.sweep.SweepGrid;
import org.ptreplay.tools.sweep.SweepJob;
import org.ptreplay.tools.sweep.SweepOptions;
import org.ptreplay.tools.sweep.SweepOutput;
import org.ptreplay.tools.sweep.SweepSpec;
import org.ptreplay.tools.sweep.TableCsv;
import org.ptreplay.tools.sweep.TidyTable;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceWriter;
import org.ptreplay.trace.proto.Packet;

/**
 * The same small grid on the local engine and on Spark in local[2] mode: identical tables row for
 * row (and byte for byte), a failed job recorded on both, a rerun that skips finished jobs, and
 * both Parquet tables — the local engine's single file and Spark's partitioned one — read back by
 * Spark SQL with the CSV's values; an older trace file's warning given once on the driver's stderr.
 */
class SparkSweepTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("ptreplay sweep test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                // Small data: no adaptive re-planning, no generated code to compile, no warehouse in the source tree.
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toUri().toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** fork-bench at a size and a non-size (that job fails), two folio sizes, two strategies: 4 jobs, 16 rows. */
    private static SweepSpec spec() {
        SweepOptions o = new SweepOptions();
        o.generate = "fork-bench";
        o.params = List.of("size=256K,huge");
        o.thp = List.of("4K,64K=always");
        o.strategies = List.of("linux-6.8", "linux-6.9");
        o.profiles = List.of("xeon-4210r");
        return o.spec();
    }

    @Test
    void bothEnginesGiveTheSameTablesAndSparkSqlReadsBothParquetTables() throws Exception {
        SweepSpec spec = spec();
        Path local = tmp.resolve("local");
        TidyTable table = TidyTable.forParams(List.copyOf(spec.params().keySet()));
        List<SweepJob> jobs = SweepGrid.expand(spec, List::of);
        assertEquals(4, jobs.size());
        DirStore store = new DirStore(local);
        JobRunner runner = new JobRunner(PluginLoader.load(List.of()), JobRunner.LOCAL_FILES, table, 1);
        LocalEngine.Summary ls = new LocalEngine(store, table, runner, 2).run(jobs, new PrintWriter(new StringWriter()), false);
        assertEquals(2, ls.failed());
        SweepOutput.write(store, spec, table, jobs, SparkSweep.version(), true);

        Path onSpark = tmp.resolve("spark");
        StringWriter err = new StringWriter();
        SparkSweep.Summary ss = SparkSweep.run(spark, spec, onSpark.toUri().toString(), new PrintWriter(err));
        assertEquals(new SparkSweep.Summary(4, 0, 2, 16), ss);
        assertEquals("", err.toString());
        for (String f : List.of(SweepOutput.TABLE_CSV, SweepOutput.SWEEP_JSON, SweepOutput.FAILED, SweepOutput.PAGE)) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(onSpark.resolve(f)), f);
        }
        String failed = Files.readString(onSpark.resolve(SweepOutput.FAILED));
        assertEquals(2, failed.lines().count(), failed);
        assertTrue(failed.lines().allMatch(l -> l.contains("size=huge")), failed);

        List<String> csv = csvRows(Files.readString(local.resolve(SweepOutput.TABLE_CSV)), table);
        assertEquals(16, csv.size());
        assertEquals(csv, parquetRows(onSpark.resolve(SweepOutput.TABLE_PARQUET), table));
        assertEquals(csv, parquetRows(local.resolve(SweepOutput.TABLE_PARQUET), table));
        // Spark's table is partitioned by the axes that vary: size, THP and strategy.
        assertTrue(Files.isDirectory(onSpark.resolve("table.parquet/p_size=256K/thp=64K/strategy=linux-6.9")));

        // A query a user would write: the fork's simulated time per folio size and strategy.
        spark.read().parquet(onSpark.resolve(SweepOutput.TABLE_PARQUET).toString()).createOrReplaceTempView("sweep");
        Map<String, Double> fork = new TreeMap<>();
        for (Row r : spark.sql("SELECT p_size, thp, strategy, sim_ns_per_call FROM sweep WHERE syscall = 'fork'").collectAsList()) {
            fork.put(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2), r.getDouble(3));
        }
        assertEquals(4, fork.size());
        // Batched copying (6.9) is cheaper than per-PTE copying (6.8) with 64K folios, and the same with 4K ones.
        assertTrue(fork.get("256K/64K/linux-6.9") < fork.get("256K/64K/linux-6.8"), fork.toString());
        assertEquals(fork.get("256K/4K/linux-6.8"), fork.get("256K/4K/linux-6.9"), fork.toString());

        // A rerun skips the finished jobs and retries the failed ones.
        assertEquals(new SparkSweep.Summary(4, 2, 2, 16), SparkSweep.run(spark, spec, onSpark.toUri().toString(),
                new PrintWriter(new StringWriter())));
        assertArrayEquals(Files.readAllBytes(local.resolve(SweepOutput.TABLE_CSV)),
                Files.readAllBytes(onSpark.resolve(SweepOutput.TABLE_CSV)));
    }

    @Test
    void anOlderTraceFileIsWarnedAboutOnceOnTheDriversStderr() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Path current = writeMove1m(corpus.resolve("current.ptrace"));
        Path old = withoutEndPacket(current, corpus.resolve("old.ptrace"));
        // Two THP settings: each file is read by two jobs, each on an executor of its own.
        SweepOptions o = new SweepOptions();
        o.traces = List.of(corpus.toString());
        o.thp = List.of("4K,64K=always");
        o.strategies = List.of("linux-6.8");
        StringWriter err = new StringWriter();
        SparkSweep.Summary s = SparkSweep.run(spark, o.spec(), tmp.resolve("corpus-out").toUri().toString(), new PrintWriter(err));
        assertEquals(0, s.failed());
        assertEquals(4, s.total());
        assertEquals("ptreplay: warning: " + old + ": written before ptreplay recorded an end-of-trace packet, so a"
                + " truncation of this file at a packet boundary would go unnoticed; re-convert it to add one."
                + System.lineSeparator(), err.toString());
    }

    /** 1 MiB of anonymous memory written, moved (MREMAP_FIXED) and unmapped, as the tools tests' move1m. */
    private static Path writeMove1m(Path file) throws Exception {
        long a = 0x4000_0000L;
        long b = 0x8000_0000L;
        long mib = 1 << 20;
        int rw = Flags.PROT_READ | Flags.PROT_WRITE;
        List<TraceEvent> events = List.of(
                new TraceEvent.Mmap(1, 0, a, mib, rw, Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED, -1, 0, a),
                new TraceEvent.Touch(1, 0, a, mib, true),
                new TraceEvent.Mremap(1, 0, a, mib, mib, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, b, b),
                new TraceEvent.Munmap(1, 0, b, mib, 0),
                new TraceEvent.Exit(1, 0, 0, true));
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay spark tests",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "spark test trace", Map.of()),
                TraceHeader.Machine.UNKNOWN, events.size());
        try (TraceWriter w = TraceWriter.create(file, Codec.NONE, header)) {
            for (TraceEvent e : events) {
                w.write(e);
            }
        }
        return file;
    }

    /**
     * {@code file} as ptreplay wrote it before the end-of-trace packet existed: a header that does
     * not promise one, and no end packet (an uncompressed trace is length-delimited packets).
     */
    private static Path withoutEndPacket(Path file, Path old) throws Exception {
        List<Packet> packets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Packet p; (p = Packet.parseDelimitedFrom(in)) != null; ) {
                packets.add(p);
            }
        }
        assertTrue(packets.get(0).hasHeader() && packets.get(packets.size() - 1).hasEnd(), "not a header ... end trace");
        try (OutputStream out = Files.newOutputStream(old)) {
            Packet header = packets.get(0);
            header.toBuilder().setHeader(header.getHeader().toBuilder().setHasEnd(false)).build().writeDelimitedTo(out);
            for (Packet p : packets.subList(1, packets.size() - 1)) {
                p.writeDelimitedTo(out);
            }
        }
        return old;
    }

    /** Every row as its CSV fields joined by '|', in table order. */
    private static List<String> csvRows(String text, TidyTable table) {
        List<String> out = new ArrayList<>();
        for (Object[] r : TableCsv.read(text).rows()) {
            List<String> f = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                f.add(table.columns().get(i).format(r[i]));
            }
            out.add(String.join("|", f));
        }
        return out;
    }

    /** The Parquet table's rows, columns in table order, sorted as the CSV is (by job, then the order within a job). */
    private static List<String> parquetRows(Path path, TidyTable table) {
        Dataset<Row> df = spark.read().parquet(path.toString());
        List<String> names = table.names();
        Dataset<Row> ordered = df.selectExpr(names.toArray(String[]::new));
        List<Row> rows = new ArrayList<>(ordered.collectAsList());
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> f = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Column c = table.columns().get(i);
                Object v = r.get(i);
                // Partition columns come back as strings (type inference off): parse them as the CSV does.
                f.add(v == null ? "" : c.format(c.parse(v.toString())));
            }
            out.add(String.join("|", f));
        }
        // Sort like the table: by job, then arch, strategy, profile, syscall (the plan and name order within a job).
        List<String> csvOrder = new ArrayList<>(out);
        csvOrder.sort((a, b) -> compareRows(a, b, names));
        return csvOrder;
    }

    private static int compareRows(String a, String b, List<String> names) {
        String[] x = a.split("\\|", -1);
        String[] y = b.split("\\|", -1);
        int job = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (job != 0) {
            return job;
        }
        for (String k : List.of("arch", "strategy", "profile", "syscall")) {
            int i = names.indexOf(k);
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
