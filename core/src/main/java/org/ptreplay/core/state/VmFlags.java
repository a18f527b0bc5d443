package org.ptreplay.core.state;

import org.ptreplay.trace.Flags;

/** The {@code vm_flags} bits the model uses, with the values of include/linux/mm.h. */
public final class VmFlags {
    private VmFlags() {
    }

    public static final int VM_READ = 0x1;
    public static final int VM_WRITE = 0x2;
    public static final int VM_EXEC = 0x4;
    public static final int VM_SHARED = 0x8;
    public static final int VM_MAYREAD = 0x10;
    public static final int VM_MAYWRITE = 0x20;
    public static final int VM_MAYEXEC = 0x40;
    public static final int VM_MAYSHARE = 0x80;
    public static final int VM_GROWSDOWN = 0x100;
    public static final int VM_LOCKED = 0x2000;
    public static final int VM_DONTCOPY = 0x20000;
    public static final int VM_ACCOUNT = 0x100000;
    public static final int VM_NORESERVE = 0x200000;
    public static final int VM_WIPEONFORK = 0x02000000;
    public static final int VM_DONTDUMP = 0x04000000;
    public static final int VM_HUGEPAGE = 0x20000000;
    public static final int VM_NOHUGEPAGE = 0x40000000;

    public static final int PROT_MASK = VM_READ | VM_WRITE | VM_EXEC;

    /** calc_vm_prot_bits: PROT_* to VM_READ/WRITE/EXEC. */
    public static int fromProt(int prot) {
        int f = 0;
        if ((prot & Flags.PROT_READ) != 0) f |= VM_READ;
        if ((prot & Flags.PROT_WRITE) != 0) f |= VM_WRITE;
        if ((prot & Flags.PROT_EXEC) != 0) f |= VM_EXEC;
        return f;
    }

    /** {@code is_cow_mapping}: private and may become writable. */
    public static boolean isCow(int flags) {
        return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
    }
}
