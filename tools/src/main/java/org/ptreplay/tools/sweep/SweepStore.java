package org.ptreplay.tools.sweep;

import java.io.IOException;

/**
 * The output directory of a sweep, by relative names ({@code jobs/<id>.csv}). The local engine
 * uses a directory ({@link DirStore}); the Spark engine any Hadoop-compatible file system.
 * Implementations must make {@link #write} atomic: a reader sees the whole file or none.
 */
public interface SweepStore {

    boolean exists(String name) throws IOException;

    /** The file's text (UTF-8). */
    String read(String name) throws IOException;

    /** Writes the file whole, replacing it, creating its directory. */
    void write(String name, byte[] content) throws IOException;

    /** Where {@code name} is, for messages. */
    String describe(String name);
}
