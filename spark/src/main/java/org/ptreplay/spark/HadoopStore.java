package org.ptreplay.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ptreplay.tools.sweep.SweepStore;

/**
 * A sweep's output directory on any Hadoop-compatible file system (local, HDFS, S3 …), usable
 * on the driver and on the executors: it carries the driver's Hadoop settings with it. A write
 * goes to a hidden temporary file renamed into place, so a reader never sees half a file.
 */
final class HadoopStore implements SweepStore, Serializable {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final TreeMap<String, String> settings;
    private transient FileSystem fs;

    HadoopStore(String root, Configuration conf) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.settings = new TreeMap<>();
        for (Map.Entry<String, String> e : conf) {
            settings.put(e.getKey(), e.getValue());
        }
    }

    String root() {
        return root;
    }

    Configuration configuration() {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        return conf;
    }

    private FileSystem fs() throws IOException {
        if (fs == null) {
            fs = FileSystem.get(URI.create(root), configuration());
        }
        return fs;
    }

    private Path path(String name) {
        return new Path(root + "/" + name);
    }

    @Override
    public boolean exists(String name) throws IOException {
        // What the deprecated FileSystem.isFile did: a missing path is not a file.
        try {
            return fs().getFileStatus(path(name)).isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public String read(String name) throws IOException {
        try (InputStream in = fs().open(path(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        Path target = path(name);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + Thread.currentThread().getId());
        FileSystem f = fs();
        f.mkdirs(target.getParent());
        try (OutputStream out = f.create(tmp, true)) {
            out.write(content);
        }
        if (f.exists(target) && !f.delete(target, false)) {
            throw new IOException("cannot replace " + target);
        }
        if (!f.rename(tmp, target)) {
            f.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    @Override
    public String describe(String name) {
        return path(name).toString();
    }
}
