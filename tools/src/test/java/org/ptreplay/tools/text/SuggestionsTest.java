package org.ptreplay.tools.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void listIsSorted() {
        assertEquals("demo, help, plugins", Suggestions.list(List.of("plugins", "demo", "help")));
    }
}
