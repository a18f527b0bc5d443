package org.ptreplay.core.linux;

import org.ptreplay.core.linux.mprotect.ChangeProtection;
import org.ptreplay.core.linux.memory.CopyPageRange;
import org.ptreplay.core.linux.memory.Fault;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.mremap.MovePageTables;
import org.ptreplay.core.linux.memory.Unmap;
import org.ptreplay.core.linux.mmap.UnmappedArea;
import org.ptreplay.core.state.KernelState;

/** The kernel paths of one cell, shared by the syscalls. */
public record Kpaths(KernelState cell, Unmap unmap, MovePageTables move, CopyPageRange copy, Fault fault, HugePmd huge,
                     UnmappedArea area, ChangeProtection protect) {

    public static Kpaths of(KernelState cell) {
        HugePmd huge = new HugePmd(cell);
        return new Kpaths(cell, new Unmap(cell, huge), new MovePageTables(cell, huge), new CopyPageRange(cell, huge),
                new Fault(cell, huge), huge, new UnmappedArea(cell), new ChangeProtection(cell, huge));
    }
}
