package org.ptreplay.tools.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvOutputTest {
    @Test
    void fieldsAreQuotedOnlyWhenNeeded() {
        assertEquals("x86/linux-6.17+move-ptes/folio-batch:respect-write=on/raptor-lake",
                CsvOutput.field("x86/linux-6.17+move-ptes/folio-batch:respect-write=on/raptor-lake"));
        assertEquals("\"a,b\"", CsvOutput.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvOutput.field("say \"hi\""));
    }
}
