package org.ptreplay.arch.arm64;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Spi;

/**
 * The {@code arm64} architecture provider: AArch64 with a 48-bit user VA, the contpte layer
 * ({@code contpte=off|basic|batched}) and broadcast-TLBI flush rules.
 */
public final class Arm64Architecture implements Architecture {

    @Override
    public String name() {
        return "arm64";
    }

    @Override
    public String description() {
        return "AArch64 with contpte (4K/16K/64K granules, fold/unfold, batched helpers) and broadcast TLBI rules";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public List<OptionSpec> options() {
        return Arm64Config.OPTIONS;
    }

    @Override
    public PageTableGeometry geometry(Map<String, String> options) {
        return Arm64Config.parse(options).granule().geometry();
    }

    @Override
    public ArchMmu create(Map<String, String> options, MmuEnv env) {
        return new Arm64Mmu(Arm64Config.parse(options), env);
    }
}
