package org.ptreplay.core.mm;

import org.ptreplay.core.paths.ChangeProtection;
import org.ptreplay.core.paths.CopyPageRange;
import org.ptreplay.core.paths.Fault;
import org.ptreplay.core.paths.HugePmd;
import org.ptreplay.core.paths.MovePageTables;
import org.ptreplay.core.paths.Unmap;

/** The kernel paths of one cell, shared by the syscalls. */
public record Kpaths(Cell cell, Unmap unmap, MovePageTables move, CopyPageRange copy, Fault fault, HugePmd huge,
                     UnmappedArea area, ChangeProtection protect) {

    public static Kpaths of(Cell cell) {
        HugePmd huge = new HugePmd(cell);
        return new Kpaths(cell, new Unmap(cell, huge), new MovePageTables(cell, huge), new CopyPageRange(cell, huge),
                new Fault(cell, huge), huge, new UnmappedArea(cell), new ChangeProtection(cell, huge));
    }
}
