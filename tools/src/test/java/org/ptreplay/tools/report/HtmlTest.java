package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharactersBecomeReferences() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;&amp;&#39;y&#39;)&lt;/script&gt;", Html.escape("<script>alert(\"x\"&'y')</script>"));
    }

    @Test
    void controlCharactersBecomeTheReplacementCharacter() {
        assertEquals("a&#xfffd;b\tc\nd&#xfffd;", Html.escape("a\u0001b\tc\nd\u007f"));
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String plain = "mremap;move_page_tables;move_ptes µs";
        assertSame(plain, Html.escape(plain));
    }
}
