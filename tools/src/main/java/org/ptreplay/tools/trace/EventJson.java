package org.ptreplay.tools.trace;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ptreplay.trace.TraceEvent;

/**
 * One event as a JSON object: {@code index}, {@code kind}, and every component of its record
 * under the component's name in snake_case, like every other JSON key of the CLI ({@code pid},
 * {@code time_delta_ns}, {@code addr}, {@code length}, {@code result}, ...). Taking the names
 * from the records keeps this in step with the event model.
 * An unrecorded result is {@code null}; a failed call's result is {@code -errno}.
 */
public final class EventJson {
    private EventJson() {
    }

    public static Map<String, Object> of(long index, TraceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("kind", e.kind().key());
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(e);
            } catch (IllegalAccessException | InvocationTargetException x) {
                throw new IllegalStateException("cannot read " + c.getName() + " of a " + e.kind().key() + " event", x);
            }
            if (c.getName().equals("result") && v instanceof Long r && r == TraceEvent.UNKNOWN_RESULT) {
                v = null;
            }
            m.put(snakeCase(c.getName()), v);
        }
        return m;
    }

    /** {@code timeDeltaNs} → {@code time_delta_ns}. */
    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
