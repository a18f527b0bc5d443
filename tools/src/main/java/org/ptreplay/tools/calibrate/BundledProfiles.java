package org.ptreplay.tools.calibrate;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;

/** Every usable machine profile the registry offers that loads; a broken one is skipped (plugins reports it). */
public final class BundledProfiles {
    private BundledProfiles() {
    }

    public static List<MachineProfile> of(Providers registry) {
        List<MachineProfile> out = new ArrayList<>();
        for (PluginEntry e : registry.entries()) {
            if (e.usable() && e.kind().equals(ProviderKind.MACHINE_PROFILE)) {
                try {
                    out.add(MachineProfiles.load((MachineProfileSource) e.provider()));
                } catch (InvalidProfileException ignored) {
                    // `ptreplay plugins` and replay name a profile that does not load; calibration just cannot start from it.
                }
            }
        }
        return out;
    }
}
