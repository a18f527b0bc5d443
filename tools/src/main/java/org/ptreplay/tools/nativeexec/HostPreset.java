package org.ptreplay.tools.nativeexec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel preset that stands for the running kernel: {@code linux-MAJOR.MINOR} when there is
 * one, else the newest release preset older than it (release candidates are never chosen).
 */
public final class HostPreset {
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+).*");
    private static final Pattern PRESET = Pattern.compile("linux-(\\d+)\\.(\\d+)");

    private HostPreset() {
    }

    public static Optional<String> of(String kernelRelease, List<String> presets) {
        Matcher r = RELEASE.matcher(kernelRelease);
        if (!r.matches()) {
            return Optional.empty();
        }
        long host = version(Integer.parseInt(r.group(1)), Integer.parseInt(r.group(2)));
        String best = null;
        long bestVersion = -1;
        for (String p : presets) {
            Matcher m = PRESET.matcher(p);
            if (m.matches()) {
                long v = version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                if (v <= host && v > bestVersion) {
                    best = p;
                    bestVersion = v;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static long version(int major, int minor) {
        return major * 1000L + minor;
    }
}
