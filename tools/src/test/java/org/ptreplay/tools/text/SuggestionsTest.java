package org.ptreplay.tools.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsTheClosestNamesOnly() {
        assertEquals(Optional.of("did you mean 'plugins'?"),
                Suggestions.didYouMean("plugnis", List.of("demo", "help", "plugins")));
        assertEquals(Optional.of("did you mean 'arm64' or 'arm65'?"),
                Suggestions.didYouMean("arm66", List.of("arm65", "x86", "arm64")));
    }

    @Test
    void suggestsNothingWhenEverythingIsFar() {
        assertEquals(Optional.empty(), Suggestions.didYouMean("frobnicate", List.of("demo", "help", "plugins")));
        assertEquals(Optional.empty(), Suggestions.didYouMean("x", List.of()));
    }

    @Test
    void listIsSorted() {
        assertEquals("demo, help, plugins", Suggestions.list(List.of("plugins", "demo", "help")));
    }
}
