package org.ptreplay.tools.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void keysAreSortedWhateverTheMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(true, "x"));
        m.put("c", new HashMap<>());
        assertEquals("{\n  \"a\": [\n    true,\n    \"x\"\n  ],\n  \"b\": 1,\n  \"c\": {}\n}\n", Json.write(m));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"q\\\" b\\\\ n\\n t\\t c\\u0001 é\"\n", Json.write("q\" b\\ n\n t\t c\u0001 é"));
    }

    @Test
    void nullAndEmptyListAreWritten() {
        assertEquals("[\n  null,\n  []\n]\n", Json.write(Arrays.asList(null, List.of())));
    }

    @Test
    void otherTypesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertEquals("no JSON form for java.lang.Object", e.getMessage());
    }
}
