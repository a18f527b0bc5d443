/**
 * Importing recordings: strace and perf script output into traces, and the recorder.
 */
package org.ptreplay.trace.importer;
