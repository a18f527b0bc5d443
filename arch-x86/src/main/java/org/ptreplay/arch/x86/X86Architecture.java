package org.ptreplay.arch.x86;

import java.util.List;
import java.util.Map;
import org.ptreplay.core.kernel.ArchMmu;
import org.ptreplay.core.kernel.MmuEnv;
import org.ptreplay.core.kernel.PageTableGeometry;
import org.ptreplay.core.spi.Architecture;
import org.ptreplay.core.spi.OptionSpec;
import org.ptreplay.core.spi.Spi;

/**
 * PLACEHOLDER until the x86-64 model lands: it exists so that plugin discovery is real from the
 * first build, says {@link Status#NOT_IMPLEMENTED}, and refuses to simulate.
 */
public final class X86Architecture implements Architecture {

    @Override
    public String name() {
        return "x86";
    }

    @Override
    public String description() {
        return "x86-64 page tables and TLB flushes (placeholder, not implemented yet)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public Status status() {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public PageTableGeometry geometry(Map<String, String> options) {
        throw new UnsupportedOperationException("the x86 architecture is not implemented yet");
    }

    @Override
    public ArchMmu create(Map<String, String> options, MmuEnv env) {
        throw new UnsupportedOperationException("the x86 architecture is not implemented yet");
    }
}
