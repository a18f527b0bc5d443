package org.ptreplay.trace;

import static org.ptreplay.trace.WireValues.addressResult;
import static org.ptreplay.trace.WireValues.join;
import static org.ptreplay.trace.WireValues.statusResult;

import org.ptreplay.trace.proto.Packet;

/** The tests' oracle: events through the generated classes' getters, to check {@link PacketDecoder}. */
final class ReferenceDecoder {
    private ReferenceDecoder() {
    }

    /** The packet's event, or null when it holds none. */
    static TraceEvent event(Packet p) {
        return switch (p.getPayloadCase()) {
            case TOUCH -> {
                var e = p.getTouch();
                yield new TraceEvent.Touch(e.getPid(), e.getTimeDeltaNs(), join(e.getAddrPage(), e.getAddrRem()),
                        join(e.getLengthPage(), e.getLengthRem()), e.getWrite());
            }
            case MREMAP -> {
                var e = p.getMremap();
                yield new TraceEvent.Mremap(e.getPid(), e.getTimeDeltaNs(), join(e.getOldAddrPage(), e.getOldAddrRem()),
                        join(e.getOldLengthPage(), e.getOldLengthRem()), join(e.getNewLengthPage(), e.getNewLengthRem()),
                        e.getFlags(), join(e.getNewAddrPage(), e.getNewAddrRem()),
                        addressResult(e.getResultUnknown(), e.getErrno(), e.getResultPage(), e.getResultRem()));
            }
            case MMAP -> {
                var e = p.getMmap();
                yield new TraceEvent.Mmap(e.getPid(), e.getTimeDeltaNs(), join(e.getAddrPage(), e.getAddrRem()),
                        join(e.getLengthPage(), e.getLengthRem()), e.getProt(), e.getFlags(), e.getFd(),
                        join(e.getOffsetPage(), e.getOffsetRem()),
                        addressResult(e.getResultUnknown(), e.getErrno(), e.getResultPage(), e.getResultRem()));
            }
            case MUNMAP -> {
                var e = p.getMunmap();
                yield new TraceEvent.Munmap(e.getPid(), e.getTimeDeltaNs(), join(e.getAddrPage(), e.getAddrRem()),
                        join(e.getLengthPage(), e.getLengthRem()), statusResult(e.getResultUnknown(), e.getResult()));
            }
            case MADVISE -> {
                var e = p.getMadvise();
                yield new TraceEvent.Madvise(e.getPid(), e.getTimeDeltaNs(), join(e.getAddrPage(), e.getAddrRem()),
                        join(e.getLengthPage(), e.getLengthRem()), e.getAdvice(),
                        statusResult(e.getResultUnknown(), e.getResult()));
            }
            case MPROTECT -> {
                var e = p.getMprotect();
                yield new TraceEvent.Mprotect(e.getPid(), e.getTimeDeltaNs(), join(e.getAddrPage(), e.getAddrRem()),
                        join(e.getLengthPage(), e.getLengthRem()), e.getProt(),
                        statusResult(e.getResultUnknown(), e.getResult()));
            }
            case BRK -> {
                var e = p.getBrk();
                yield new TraceEvent.Brk(e.getPid(), e.getTimeDeltaNs(), join(e.getAddrPage(), e.getAddrRem()),
                        addressResult(e.getResultUnknown(), e.getErrno(), e.getResultPage(), e.getResultRem()));
            }
            case FORK -> {
                var e = p.getFork();
                yield new TraceEvent.Fork(e.getPid(), e.getTimeDeltaNs(), e.getChildPid(), e.getCloneFlags(),
                        statusResult(e.getResultUnknown(), e.getResult()));
            }
            case EXEC -> {
                var e = p.getExec();
                yield new TraceEvent.Exec(e.getPid(), e.getTimeDeltaNs(), statusResult(e.getResultUnknown(), e.getResult()));
            }
            case EXIT -> {
                var e = p.getExit();
                yield new TraceEvent.Exit(e.getPid(), e.getTimeDeltaNs(), e.getCode(), e.getGroup());
            }
            case HEADER, END, PAYLOAD_NOT_SET -> null;
        };
    }
}
