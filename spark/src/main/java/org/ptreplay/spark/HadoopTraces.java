package org.ptreplay.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ptreplay.tools.sweep.JobRunner;
import org.ptreplay.trace.TraceReader;
import org.ptreplay.trace.TraceSource;

/**
 * Traces on Hadoop-compatible paths: a path without a scheme or with {@code file:} is a local
 * file and reads in every form {@code replay} reads; any other scheme ({@code hdfs:}, {@code s3a:}
 * …) is streamed through Hadoop as a binary trace (the codec is detected from its bytes). Profile
 * files ({@code --profile-file}) are read the same way, on every executor.
 */
final class HadoopTraces implements JobRunner.TraceOpener, Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> settings;

    HadoopTraces(Configuration conf) {
        settings = new TreeMap<>();
        for (Map.Entry<String, String> e : conf) {
            settings.put(e.getKey(), e.getValue());
        }
    }

    private Configuration configuration() {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        return conf;
    }

    static boolean local(String trace) {
        String scheme = URI.create(trace.replace(" ", "%20")).getScheme();
        return scheme == null || scheme.equals("file");
    }

    @Override
    public TraceSource open(String trace) throws IOException {
        if (local(trace)) {
            return JobRunner.openFile(trace.startsWith("file:") ? URI.create(trace).getPath() : trace);
        }
        Path p = new Path(trace);
        FileSystem fs = p.getFileSystem(configuration());
        return TraceReader.open(fs.open(p), trace);
    }

    @Override
    public String readText(String path) throws IOException {
        if (local(path)) {
            return JobRunner.LOCAL_FILES.readText(path.startsWith("file:") ? URI.create(path).getPath() : path);
        }
        Path p = new Path(path);
        try (java.io.InputStream in = p.getFileSystem(configuration()).open(p)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A directory's files by name (hidden ones left out), or the path itself. */
    List<String> list(String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(configuration());
            if (!fs.getFileStatus(p).isDirectory()) {
                return List.of(path);
            }
            FileStatus[] files = fs.listStatus(p, f -> !f.getName().startsWith(".") && !f.getName().startsWith("_"));
            List<String> out = new ArrayList<>();
            Arrays.stream(files).filter(FileStatus::isFile).sorted(Comparator.comparing(f -> f.getPath().getName()))
                    .forEach(f -> out.add(local(path) ? new java.io.File(path, f.getPath().getName()).getPath() : f.getPath().toString()));
            return out;
        } catch (java.io.FileNotFoundException e) {
            // A missing path is that job's failure, as on the local engine.
            return List.of(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the trace directory " + path + " (" + e.getMessage() + ")", e);
        }
    }
}
