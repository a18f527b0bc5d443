package org.ptreplay.spi.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void editDistance() {
        assertEquals(0, DidYouMean.distance("linux-6.9", "linux-6.9"));
        assertEquals(1, DidYouMean.distance("linux-6.9", "linux-6.8"), "one substitution");
        assertEquals(1, DidYouMean.distance("folio-bach", "folio-batch"), "one insertion");
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(1, DidYouMean.distance("linux-6.71", "linux-6.17"), "one transposition");
        assertEquals(2, DidYouMean.distance("linux-6.71", "linux-5.11"));
        assertEquals(5, DidYouMean.distance("", "abcde"));
        assertEquals(1, DidYouMean.distance("plugnis", "plugins"), "a CLI command with two letters swapped");
        assertEquals(1, DidYouMean.distance("--jsn", "--json"), "an option with a letter missing");
        assertEquals(3, DidYouMean.distance("x86", "arm"), "three substitutions");
    }

    @Test
    void suggestsWithinAThirdOfTheLength() {
        List<String> names = List.of("linux-6.16", "linux-6.17", "move-ptes/hint-batch");
        assertEquals(Optional.of("did you mean 'move-ptes/hint-batch'?"), DidYouMean.suggestion("move-ptes/hint-btach", names));
        assertEquals(Optional.empty(), DidYouMean.suggestion("hint", names), "too far from everything");
    }

    @Test
    void suggestsTheClosestNamesOnly() {
        assertEquals(Optional.of("did you mean 'plugins'?"),
                DidYouMean.suggestion("plugnis", List.of("demo", "help", "plugins")));
        assertEquals(Optional.of("did you mean 'arm64' or 'arm65'?"),
                DidYouMean.suggestion("arm66", List.of("arm65", "x86", "arm64")));
    }

    @Test
    void theHintIsTheOneQuotedParentheticalOrNothing() {
        assertEquals(" (did you mean 'writable'?)", DidYouMean.hint("writeable", List.of("none", "all", "writable")));
        assertEquals("", DidYouMean.hint("frobnicate", List.of("none", "all", "writable")));
    }

    @Test
    void suggestsNothingWhenEverythingIsFar() {
        assertEquals(Optional.empty(), DidYouMean.suggestion("frobnicate", List.of("demo", "help", "plugins")));
        assertEquals(Optional.empty(), DidYouMean.suggestion("x", List.of()));
    }
}
