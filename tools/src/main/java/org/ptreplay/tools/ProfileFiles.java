package org.ptreplay.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;

/** {@code --profile-file}: user profiles checked by the same validator as the bundled ones. */
final class ProfileFiles {
    private ProfileFiles() {
    }

    /** Loads every file in order; the first bad one fails the command with the validator's sentence (exit 1). */
    static List<MachineProfile> load(List<Path> files) {
        List<MachineProfile> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(MachineProfiles.parse(f));
            } catch (InvalidProfileException e) {
                throw CommandFailure.badData(e.getMessage());
            }
        }
        return out;
    }
}
