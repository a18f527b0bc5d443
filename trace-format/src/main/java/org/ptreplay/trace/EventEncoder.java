package org.ptreplay.trace;

import static org.ptreplay.trace.WireValues.addressValueOf;
import static org.ptreplay.trace.WireValues.errnoOf;
import static org.ptreplay.trace.WireValues.page;
import static org.ptreplay.trace.WireValues.rem;
import static org.ptreplay.trace.WireValues.statusValueOf;

import org.ptreplay.trace.proto.Packet;

/**
 * Turns model events into generated protobuf packets. Writing goes through the generated classes,
 * so the files are the schema's truth; only decoding is hand-written, for speed ({@link PacketDecoder}).
 */
final class EventEncoder {
    private EventEncoder() {
    }

    static Packet toPacket(TraceEvent event) {
        Packet.Builder p = Packet.newBuilder();
        // A switch over the kind rather than the type: pattern switches are not final in Java 17.
        switch (event.kind()) {
            case TOUCH -> touch(p, (TraceEvent.Touch) event);
            case MREMAP -> mremap(p, (TraceEvent.Mremap) event);
            case MMAP -> mmap(p, (TraceEvent.Mmap) event);
            case MUNMAP -> munmap(p, (TraceEvent.Munmap) event);
            case MADVISE -> madvise(p, (TraceEvent.Madvise) event);
            case MPROTECT -> mprotect(p, (TraceEvent.Mprotect) event);
            case BRK -> brk(p, (TraceEvent.Brk) event);
            case FORK -> fork(p, (TraceEvent.Fork) event);
            case EXEC -> exec(p, (TraceEvent.Exec) event);
            case EXIT -> exit(p, (TraceEvent.Exit) event);
        }
        return p.build();
    }

    private static void touch(Packet.Builder p, TraceEvent.Touch e) {
        p.getTouchBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setAddrPage(page(e.addr())).setAddrRem(rem(e.addr()))
                .setLengthPage(page(e.length())).setLengthRem(rem(e.length()))
                .setWrite(e.write());
    }

    private static void mremap(Packet.Builder p, TraceEvent.Mremap e) {
        p.getMremapBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setOldAddrPage(page(e.oldAddr())).setOldAddrRem(rem(e.oldAddr()))
                .setOldLengthPage(page(e.oldLength())).setOldLengthRem(rem(e.oldLength()))
                .setNewLengthPage(page(e.newLength())).setNewLengthRem(rem(e.newLength()))
                .setFlags(e.flags())
                .setNewAddrPage(page(e.newAddr())).setNewAddrRem(rem(e.newAddr()))
                .setResultPage(page(addressValueOf(e.result()))).setResultRem(rem(addressValueOf(e.result())))
                .setErrno(errnoOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void mmap(Packet.Builder p, TraceEvent.Mmap e) {
        p.getMmapBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setAddrPage(page(e.addr())).setAddrRem(rem(e.addr()))
                .setLengthPage(page(e.length())).setLengthRem(rem(e.length()))
                .setProt(e.prot()).setFlags(e.flags()).setFd(e.fd())
                .setOffsetPage(page(e.offset())).setOffsetRem(rem(e.offset()))
                .setResultPage(page(addressValueOf(e.result()))).setResultRem(rem(addressValueOf(e.result())))
                .setErrno(errnoOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void munmap(Packet.Builder p, TraceEvent.Munmap e) {
        p.getMunmapBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setAddrPage(page(e.addr())).setAddrRem(rem(e.addr()))
                .setLengthPage(page(e.length())).setLengthRem(rem(e.length()))
                .setResult(statusValueOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void madvise(Packet.Builder p, TraceEvent.Madvise e) {
        p.getMadviseBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setAddrPage(page(e.addr())).setAddrRem(rem(e.addr()))
                .setLengthPage(page(e.length())).setLengthRem(rem(e.length()))
                .setAdvice(e.advice())
                .setResult(statusValueOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void mprotect(Packet.Builder p, TraceEvent.Mprotect e) {
        p.getMprotectBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setAddrPage(page(e.addr())).setAddrRem(rem(e.addr()))
                .setLengthPage(page(e.length())).setLengthRem(rem(e.length()))
                .setProt(e.prot())
                .setResult(statusValueOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void brk(Packet.Builder p, TraceEvent.Brk e) {
        p.getBrkBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setAddrPage(page(e.addr())).setAddrRem(rem(e.addr()))
                .setResultPage(page(addressValueOf(e.result()))).setResultRem(rem(addressValueOf(e.result())))
                .setErrno(errnoOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void fork(Packet.Builder p, TraceEvent.Fork e) {
        p.getForkBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setChildPid(e.childPid()).setCloneFlags(e.cloneFlags())
                .setResult(statusValueOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void exec(Packet.Builder p, TraceEvent.Exec e) {
        p.getExecBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setResult(statusValueOf(e.result()))
                .setResultUnknown(e.result() == TraceEvent.UNKNOWN_RESULT);
    }

    private static void exit(Packet.Builder p, TraceEvent.Exit e) {
        p.getExitBuilder()
                .setPid(e.pid()).setTimeDeltaNs(e.timeDeltaNs())
                .setCode(e.code()).setGroup(e.group());
    }
}
