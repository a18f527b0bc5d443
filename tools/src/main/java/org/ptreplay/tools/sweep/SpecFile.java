package org.ptreplay.tools.sweep;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sweep spec file: the command's axes, for repeatable runs, in YAML ({@code .yaml}, {@code .yml})
 * or protobuf text format ({@code .textproto}, {@code .txtpb}, {@code .pbtxt}). Keys: {@code generate},
 * {@code params} (a mapping of name to values; in text format {@code param { name: … value: … }}),
 * {@code traces}, {@code thp}, {@code cpus}, {@code concurrency}, {@code arch}, {@code strategy},
 * {@code profile}, {@code profile-file} ({@code profile_file} in text format), {@code placement},
 * {@code lazy-tlb-cpus} ({@code lazy_tlb_cpus}); each but {@code generate}, {@code placement} and
 * {@code lazy-tlb-cpus} takes a list (a single value is a list of one).
 *
 * @param values every key but {@code params}, with its values as given
 * @param params the generator parameters, each with its values
 */
public record SpecFile(Map<String, List<String>> values, Map<String, List<String>> params) {

    static final Set<String> KEYS = Set.of("generate", "traces", "thp", "cpus", "concurrency", "arch", "strategy", "profile",
            "profile-file", "placement", "lazy-tlb-cpus");

    /**
     * @throws java.io.UncheckedIOException the file cannot be read (bad data, exit 1), as one sentence
     * @throws IllegalArgumentException     one sentence naming the file and what is wrong in it
     */
    public static SpecFile load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the sweep spec " + file + " ("
                    + org.ptreplay.trace.TraceException.why(e) + ").", e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return yaml(text, file.toString());
        }
        if (name.endsWith(".textproto") || name.endsWith(".txtpb") || name.endsWith(".pbtxt")) {
            return textproto(text, file.toString());
        }
        throw new IllegalArgumentException("sweep spec " + file + ": name it .yaml, .yml, .textproto, .txtpb or .pbtxt"
                + " so its format is known.");
    }

    static SpecFile yaml(String text, String fileName) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, List<String>> params = new TreeMap<>();
        for (Map.Entry<String, Object> e : MiniYaml.parse(text, fileName).entrySet()) {
            String key = e.getKey();
            if (key.equals("params")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(fileName + ": params must be a mapping of name to values.");
                }
                m.forEach((k, v) -> params.put((String) k, asList(v, fileName, "params." + k)));
            } else if (KEYS.contains(key)) {
                values.put(key, asList(e.getValue(), fileName, key));
            } else {
                throw new IllegalArgumentException(fileName + ": unknown key '" + key + "'; keys: params, "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ".");
            }
        }
        return new SpecFile(values, params);
    }

    private static List<String> asList(Object v, String fileName, String key) {
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException(fileName + ": " + key + " must be a value or a list of values.");
    }

    /** The text-format schema, built in code: tools has no protobuf code generation and needs none for this. */
    private static final class Schema {
        static final Descriptors.Descriptor SPEC;

        static {
            FieldDescriptorProto.Label repeated = FieldDescriptorProto.Label.LABEL_REPEATED;
            FieldDescriptorProto.Type string = FieldDescriptorProto.Type.TYPE_STRING;
            DescriptorProto param = DescriptorProto.newBuilder().setName("Param")
                    .addField(field("name", 1, string, FieldDescriptorProto.Label.LABEL_OPTIONAL))
                    .addField(field("value", 2, string, repeated)).build();
            DescriptorProto.Builder spec = DescriptorProto.newBuilder().setName("SweepSpec")
                    .addField(field("generate", 1, string, FieldDescriptorProto.Label.LABEL_OPTIONAL))
                    .addField(field("param", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, repeated).toBuilder()
                            .setTypeName(".ptreplay.sweep.Param").build());
            int n = 3;
            for (String k : List.of("traces", "thp", "cpus", "concurrency", "arch", "strategy", "profile", "profile_file",
                    "placement", "lazy_tlb_cpus")) {
                boolean number = k.equals("cpus") || k.equals("concurrency") || k.equals("lazy_tlb_cpus");
                spec.addField(field(k, n++, number ? FieldDescriptorProto.Type.TYPE_INT32 : string, repeated));
            }
            FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("ptreplay/sweep.proto")
                    .setPackage("ptreplay.sweep").setSyntax("proto3").addMessageType(param).addMessageType(spec.build()).build();
            try {
                SPEC = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]).findMessageTypeByName("SweepSpec");
            } catch (Descriptors.DescriptorValidationException e) {
                throw new IllegalStateException("the sweep spec schema is invalid", e);
            }
        }

        private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type,
                                                  FieldDescriptorProto.Label label) {
            return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(label).build();
        }
    }

    static SpecFile textproto(String text, String fileName) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(Schema.SPEC);
        try {
            TextFormat.getParser().merge(text, b);
        } catch (TextFormat.ParseException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage() + ".", e);
        }
        DynamicMessage m = b.build();
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, List<String>> params = new TreeMap<>();
        for (Map.Entry<Descriptors.FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            Descriptors.FieldDescriptor f = e.getKey();
            if (f.getName().equals("param")) {
                for (Object o : (List<?>) e.getValue()) {
                    DynamicMessage p = (DynamicMessage) o;
                    Descriptors.Descriptor d = p.getDescriptorForType();
                    String name = (String) p.getField(d.findFieldByName("name"));
                    List<String> vs = new ArrayList<>();
                    ((List<?>) p.getField(d.findFieldByName("value"))).forEach(v -> vs.add((String) v));
                    params.put(name, vs);
                }
            } else if (f.isRepeated()) {
                values.put(f.getName().replace('_', '-'), ((List<?>) e.getValue()).stream().map(String::valueOf).toList());
            } else {
                values.put(f.getName(), List.of((String) e.getValue()));
            }
        }
        return new SpecFile(values, params);
    }
}
