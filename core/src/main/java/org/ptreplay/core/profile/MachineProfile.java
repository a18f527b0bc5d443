package org.ptreplay.core.profile;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.profile.proto.CpuFeature;
import org.ptreplay.core.profile.proto.Profile;
import org.ptreplay.core.profile.proto.Sourced;

/**
 * A validated machine profile: every number present, in range and sourced. Obtain one from
 * {@link MachineProfiles}; the prices are read from {@link #proto()}.
 */
public final class MachineProfile {
    private final Profile proto;
    private final String origin;

    MachineProfile(Profile proto, String origin) {
        this.proto = proto;
        this.origin = origin;
    }

    public String name() {
        return proto.getName();
    }

    /** {@code x86} or {@code arm64}. */
    public String arch() {
        return proto.getArch();
    }

    public String description() {
        return proto.getDescription();
    }

    /** Logical CPUs of the machine. */
    public int cpus() {
        return (int) proto.getCpu().getCount().getValue();
    }

    /**
     * The hardware features the profile states, by name (an arch option name such as
     * {@code invlpgb}): present or not, with the source of that statement.
     */
    public SortedMap<String, CpuFeature> cpuFeatures() {
        SortedMap<String, CpuFeature> out = new TreeMap<>();
        proto.getCpuFeaturesList().forEach(f -> out.put(f.getName(), f));
        return Collections.unmodifiableSortedMap(out);
    }

    /** Where the profile was read from, e.g. {@code profile file /tmp/my.txtpb}. */
    public String origin() {
        return origin;
    }

    /** The validated profile message. */
    public Profile proto() {
        return proto;
    }

    /**
     * Every number of the profile by field path ({@code memory.level[1].latency_ns},
     * {@code arm64.dsb.slope_ns}), sorted by path: for reports and documentation.
     */
    public SortedMap<String, Sourced> numbers() {
        SortedMap<String, Sourced> out = new TreeMap<>();
        collect(proto, "", out);
        return Collections.unmodifiableSortedMap(out);
    }

    private static void collect(Message message, String prefix, SortedMap<String, Sourced> out) {
        for (var entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.isRepeated()) {
                var list = (List<?>) entry.getValue();
                for (int i = 0; i < list.size(); i++) {
                    collectOne((Message) list.get(i), prefix + field.getName() + "[" + i + "]", out);
                }
            } else {
                collectOne((Message) entry.getValue(), prefix + field.getName(), out);
            }
        }
    }

    private static void collectOne(Message message, String path, SortedMap<String, Sourced> out) {
        if (message instanceof Sourced sourced) {
            out.put(path, sourced);
        } else {
            collect(message, path + ".", out);
        }
    }

    @Override
    public String toString() {
        return name() + " (" + arch() + ", " + origin + ")";
    }
}
