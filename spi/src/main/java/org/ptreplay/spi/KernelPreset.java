package org.ptreplay.spi;

import java.util.Map;

/**
 * A kernel release as a composition: one strategy per {@link KernelPath} plus the arch options
 * that kernel had (e.g. {@code linux-6.17}: {@code move-ptes/hint-batch}, arm64 {@code bbml2=on}).
 */
public interface KernelPreset extends Provider {

    /** Strategy name per path; every path must be present. */
    Map<KernelPath, String> strategies();

    /**
     * Strategy names for one architecture, where a release differs by arch (x86 gained
     * HAVE_MOVE_PMD in 5.0, arm64 only in 5.10: 45544eee9606). Defaults to {@link #strategies()}.
     */
    default Map<KernelPath, String> strategies(String arch) {
        return strategies();
    }

    /** Arch options per architecture name, e.g. {@code "arm64" -> {"contpte": "batched"}}. */
    default Map<String, Map<String, String>> archOptions() {
        return Map.of();
    }

    /** Kernel configuration switches, e.g. {@code page_mapcount=true}. */
    default Map<String, String> kernelConfig() {
        return Map.of();
    }
}
