package org.ptreplay.spi;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;

/**
 * An architecture module: page-table geometry and the arch primitives of
 * docs/kernel-model.md §1, configured by options such as {@code granule=64k} or
 * {@code contpte=basic}.
 */
public interface Architecture extends Provider {

    /** The options {@link #geometry} and {@link #create} accept, with their defaults. */
    List<OptionSpec> options();

    /**
     * The geometry for these options.
     *
     * @throws IllegalArgumentException with one sentence naming the bad option
     */
    PageTableGeometry geometry(Map<String, String> options);

    /**
     * A fresh MMU for one replay cell.
     *
     * @throws IllegalArgumentException with one sentence naming the bad option
     */
    ArchMmu create(Map<String, String> options, MmuEnv env);
}
