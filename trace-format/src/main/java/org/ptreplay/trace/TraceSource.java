package org.ptreplay.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream of trace events with its header: a binary trace ({@link TraceReader}) or a text trace
 * ({@link TextTraceReader}), so that commands work on either.
 */
public interface TraceSource extends AutoCloseable {

    TraceHeader header();

    /** The next event, or {@code null} at the end of the trace. */
    TraceEvent next() throws TraceException;

    /** The 0-based index of the event that {@link #next()} returned last; -1 before the first. */
    long eventIndex();

    @Override
    void close() throws IOException;

    /**
     * The remaining events. A {@link TraceException} while iterating is thrown as an
     * {@link UncheckedIOException} whose cause is the {@code TraceException}.
     */
    default Iterator<TraceEvent> iterator() {
        return new Iterator<>() {
            private TraceEvent pending;

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    try {
                        pending = TraceSource.this.next();
                    } catch (TraceException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return pending != null;
            }

            @Override
            public TraceEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TraceEvent e = pending;
                pending = null;
                return e;
            }
        };
    }

    /** The remaining events as a sequential stream; errors as in {@link #iterator()}. */
    default Stream<TraceEvent> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
