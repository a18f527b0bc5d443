package org.ptreplay.core.mm;

import org.ptreplay.core.kernel.Frame;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.kernel.Pte;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.paths.HugePmd;
import org.ptreplay.trace.Flags;

/**
 * mprotect(2) ({@code do_mprotect_pkey} → {@code mprotect_fixup} → {@code change_protection}):
 * the VMAs are split and merged, and every present PTE of a VMA whose protection changes is
 * rewritten the way generic {@code ptep_modify_prot_start/commit} do on native x86 and arm64 (an
 * atomic get-and-clear, then a store); the TLB is flushed once at the end over the entries that
 * lost permissions. Gaining write on a private VMA makes only AnonExclusive anon pages writable
 * ({@code can_change_pte_writable}); a PMD leaf only partly covered is split first.
 */
public final class MprotectCall {
    private static final Frame MPROTECT_FIXUP = Frame.of("mprotect_fixup");
    private static final Frame CHANGE_PTE_RANGE = Frame.of("change_pte_range");
    private static final int PROT_KNOWN = Flags.PROT_READ | Flags.PROT_WRITE | Flags.PROT_EXEC;
    private static final int PROT_SEM = 0x8;
    private static final int PROT_GROWSDOWN = 0x01000000;
    private static final int PROT_GROWSUP = 0x02000000;

    private final Kpaths k;

    public MprotectCall(Kpaths k) {
        this.k = k;
    }

    public long mprotect(Mm mm, long start, long lenIn, int prot) {
        Cell c = k.cell();
        long page = c.pageSize();
        if ((start & (page - 1)) != 0 || (prot & ~(PROT_KNOWN | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) {
            return Errno.EINVAL;
        }
        if (lenIn == 0) {
            return 0;
        }
        long len = (lenIn + page - 1) & -page;
        long end = start + len;
        if (len == 0 || end <= start) {
            return Errno.ENOMEM;
        }
        int newProt = VmFlags.fromProt(prot);
        long a = start;
        for (Vma v : mm.vmas().intersecting(start, end)) {
            if (v.start() > a) {
                return Errno.ENOMEM;
            }
            if ((newProt & VmFlags.VM_WRITE) != 0 && !v.has(VmFlags.VM_MAYWRITE)) {
                return Errno.EACCES;
            }
            long s = Math.max(start, v.start());
            long e = Math.min(end, v.end());
            fixup(mm, v, s, e, newProt);
            a = e;
        }
        return a < end ? Errno.ENOMEM : 0;
    }

    private void fixup(Mm mm, Vma v, long s, long e, int newProt) {
        int newFlags = (v.flags() & ~VmFlags.PROT_MASK) | newProt;
        if (newFlags == v.flags()) {
            return;
        }
        var ledger = k.cell().ledger;
        ledger.enter(MPROTECT_FIXUP);
        java.util.List<Vma> pieces = mm.vmas().isolate(s, e);
        for (Vma p : pieces) {
            p.flags = newFlags;
        }
        changeProtection(mm, s, e, newFlags);
        for (Vma p : pieces) {
            if (mm.vmas().lookup(p.start()) == p) {
                mm.vmas().mergeAround(p);
            }
        }
        ledger.exit(MPROTECT_FIXUP);
    }

    private void changeProtection(Mm mm, long s, long e, int flags) {
        Cell c = k.cell();
        var ledger = c.ledger;
        long page = c.pageSize();
        long pmdSize = c.geo.pmdSize();
        boolean write = (flags & VmFlags.VM_WRITE) != 0;
        boolean shared = (flags & VmFlags.VM_SHARED) != 0;
        long flushStart = Long.MAX_VALUE;
        long flushEnd = 0;
        ledger.charge(Primitive.NOTIFIER);
        for (long a = s; a < e; ) {
            long next = Math.min((a & -pmdSize) + pmdSize, e);
            long pmdp = c.walk.entry(mm.pgd(), a, 2);
            long pmd = pmdp < 0 ? Pte.NONE : c.mem.peek(pmdp);
            if (HugePmd.isLeaf(pmd)) {
                k.huge().split(mm, a & -pmdSize, pmdp);
                pmd = c.mem.peek(pmdp);
            }
            if ((pmd & Pte.TABLE) != 0) {
                ledger.enter(CHANGE_PTE_RANGE);
                ledger.charge(Primitive.PTL);
                for (long x = a; x < next; x += page) {
                    long ptep = c.walk.entry(mm.pgd(), x, 1);
                    long pte = c.arch.ptepGet(ptep);
                    if (!Pte.present(pte)) {
                        continue;
                    }
                    long old = c.arch.ptepGetAndClear(mm, x, ptep);
                    long nw = write ? old : Pte.wrprotect(old);
                    if (write && !Pte.write(old) && !Pte.special(old) && (shared ? Pte.dirty(old) : exclusiveAnon(old))) {
                        nw = Pte.mkwrite(old);
                    }
                    c.arch.setPtes(mm, x, ptep, nw, 1);
                    if (Pte.write(old) && !Pte.write(nw)) {
                        flushStart = Math.min(flushStart, x);
                        flushEnd = x + page;
                    }
                }
                ledger.exit(CHANGE_PTE_RANGE);
            }
            a = next;
        }
        if (flushEnd > 0) {
            c.arch.flushTlbRange(mm, flushStart, flushEnd, c.pageShift(), true, false);
        }
    }

    /** {@code can_change_pte_writable} for a private mapping: the page is AnonExclusive. */
    private boolean exclusiveAnon(long pte) {
        Cell c = k.cell();
        long pfn = Pte.pfn(pte);
        long folio = c.mem.pageFolio(pfn);
        if (folio < 0 || c.phys.kind(folio) != PhysMem.KIND_ANON) {
            return false;
        }
        c.ledger.touch(Primitive.AE, PhysMem.vmemmap(pfn));
        return c.phys.anonExclusive(pfn);
    }
}
