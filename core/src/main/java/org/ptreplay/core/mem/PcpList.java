package org.ptreplay.core.mem;

/**
 * One CPU's per-CPU free list of order-0 pages ({@code pcp->lists}): a deque of pfns. Freeing
 * adds at the head and allocating takes the head ({@code list_add} in
 * {@code free_frozen_page_commit}, {@code list_first_entry} in {@code __rmqueue_pcplist}); a
 * refill appends at the tail ({@code rmqueue_bulk}: "the page is added to the tail of caller's
 * list") and a drain takes the tail ({@code free_pcppages_bulk}: {@code list_last_entry}).
 */
final class PcpList {
    private long[] ring = new long[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void addHead(long pfn) {
        grow();
        head = (head - 1) & (ring.length - 1);
        ring[head] = pfn;
        size++;
    }

    void addTail(long pfn) {
        grow();
        ring[(head + size) & (ring.length - 1)] = pfn;
        size++;
    }

    long removeHead() {
        long pfn = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        return pfn;
    }

    long removeTail() {
        size--;
        return ring[(head + size) & (ring.length - 1)];
    }

    private void grow() {
        if (size < ring.length) {
            return;
        }
        long[] bigger = new long[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
