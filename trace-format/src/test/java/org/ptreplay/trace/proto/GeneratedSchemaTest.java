package org.ptreplay.trace.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;

/** Proves that the protoc-generated code compiles and runs inside the org.ptreplay.trace module. */
class GeneratedSchemaTest {

    @Test
    void headerRoundTripsThroughBytes() throws InvalidProtocolBufferException {
        Header header = Header.newBuilder().setFormatVersion(3).build();

        // toString() goes through TextFormat and reflection on the generated class.
        assertTrue(header.toString().contains("format_version: 3"), header::toString);

        Header parsed = Header.parseFrom(header.toByteArray());
        assertEquals(3, parsed.getFormatVersion());
        assertEquals(header, parsed);
    }

    @Test
    void generatedCodeLivesInTheTraceModule() {
        assertEquals("org.ptreplay.trace", Header.class.getModule().getName());
    }
}
