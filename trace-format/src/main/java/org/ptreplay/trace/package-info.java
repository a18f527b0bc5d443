/**
 * The trace format: compressed length-delimited protobuf packets, readers and writers, codecs, and
 * the text form (trace-format/README.md).
 */
package org.ptreplay.trace;
