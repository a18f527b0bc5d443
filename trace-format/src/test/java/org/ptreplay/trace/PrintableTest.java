package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ptreplay.trace.proto.Header;

/** The one sanitiser of text from outside: plugin descriptions, echoed input, a header's magic. */
class PrintableTest {
    @Test
    void controlCharactersInPluginTextBecomeVisible() {
        // a newline would forge a row of the plugins table, an escape sequence recolour the screen
        assertEquals("a\\nb\\x1b[31mc\\x9b\\x7f\\t\\r", Printable.of("a\nb\u001b[31mc\u009b\u007f\t\r"));
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String plain = "plain text, é and → stay, 'quoted' too";
        assertSame(plain, Printable.of(plain));
        assertEquals(plain, Printable.sentence(plain));
    }

    @Test
    void separatorsFormatCharactersAndUndecodableBytesAreEscaped() {
        assertEquals("a\\u2028b\\u2029c\\u202ed\\ufffde", Printable.of("a\u2028b\u2029c\u202ed\ufffde"));
        assertEquals("lone \\ud800 surrogate", Printable.of("lone \ud800 surrogate"));
    }

    @Test
    void aSentenceCutsLongQuotedInputAndEscapesTheRest() {
        String junk = "\u001b[31m\u0007" + "x".repeat(200);
        assertEquals("event 3: unknown kind '\\x1b[31m\\x07" + "x".repeat(54) + "…' in file\\nname",
                Printable.sentence("event 3: unknown kind '" + junk + "' in file\nname"));
        String shortQuote = "unknown kind '" + "y".repeat(Printable.MAX_QUOTED) + "'";
        assertEquals(shortQuote, Printable.sentence(shortQuote));
    }

    @Test
    void quotedInputIsCutThenEscaped() {
        assertEquals("ab\\x00", Printable.quote("ab\u0000"));
        assertEquals("z".repeat(Printable.MAX_QUOTED) + "…", Printable.quote("z".repeat(Printable.MAX_QUOTED + 1)));
    }

    @Test
    void aCorruptHeadersMagicIsQuotedSafely() {
        Header h = Header.newBuilder().setMagic("\u001b[2J" + "m".repeat(100)).setFormatVersion(1).build();
        HeaderMapping.UnreadableHeaderException e = assertThrows(HeaderMapping.UnreadableHeaderException.class,
                () -> HeaderMapping.fromProto(h));
        assertEquals("not a ptreplay trace (the header's magic is '\\x1b[2J" + "m".repeat(56)
                + "…', expected 'ptreplay-trace')", e.getMessage());
    }
}
