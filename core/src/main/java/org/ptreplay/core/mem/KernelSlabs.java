package org.ptreplay.core.mem;

/**
 * The slab caches of the VMA layer and the kernel address range their slab pages come from
 * (docs/kernel-model.md §2.8). Slab pages are handed out in order from a range of their own,
 * above the simulated vmemmap, so that they neither take pfns from {@link PhysMem} (which would
 * move every user page the placement decides) nor share lines with page tables or struct pages.
 *
 * <p>Object sizes, in whole 64-byte lines: {@code vm_area_struct} 192 bytes (about 176–200 bytes
 * in 6.x x86-64 and arm64 builds, {@code struct vm_area_struct} in include/linux/mm_types.h:
 * three lines), {@code maple_node} 256 bytes (include/linux/maple_tree.h: every node is 256
 * bytes), {@code anon_vma} 128 bytes (about 100 bytes in mm/rmap.h's {@code struct anon_vma}:
 * two lines), {@code anon_vma_chain} 64 bytes (two pointers, a list head, an rb node and the
 * subtree end: one line). The {@code mm_struct}, {@code struct file} and inode caches give the
 * objects of §2.10 their addresses, rounded to whole lines as well [approximate: about 1 KiB,
 * 232–256 bytes and 700–800 bytes in 6.x builds].
 */
public final class KernelSlabs {
    /** Base of the simulated slab range: above the vmemmap at 2^50 + 64 × pfn. */
    public static final long SLAB_BASE = 1L << 51;
    static final int LINE = 64;

    /**
     * Base of the slab pages of the mm_struct, file and inode caches (§2.10): a range of their
     * own, so that giving these objects addresses moves no VMA-layer object (their addresses, and
     * so the cache sets their lines fall in, stay what they were before §2.10).
     */
    static final long OBJECT_SLAB_BASE = SLAB_BASE + (1L << 48);

    private final int slabBytes;
    private long nextSlab = SLAB_BASE;
    private long nextObjectSlab = OBJECT_SLAB_BASE;

    public final SlabCache vmAreaStruct;
    public final SlabCache mapleNode;
    public final SlabCache anonVma;
    public final SlabCache anonVmaChain;
    /** {@code mm_struct}, about 1 KiB; two of its lines are used (docs/kernel-model.md §2.10). */
    public final SlabCache mmStruct;
    /** {@code struct file} ({@code filp}): 256 bytes, four lines (§2.10). */
    public final SlabCache filp;
    /** A file's inode with its {@code address_space} ({@code shmem_inode_cache}): 768 bytes (§2.10). */
    public final SlabCache inode;

    /** @param slabBytes the bytes of one slab: one base page of the kernel */
    public KernelSlabs(int slabBytes) {
        this.slabBytes = slabBytes;
        this.vmAreaStruct = new SlabCache("vm_area_struct", 192, this);
        this.mapleNode = new SlabCache("maple_node", 256, this);
        this.anonVma = new SlabCache("anon_vma", 128, this);
        this.anonVmaChain = new SlabCache("anon_vma_chain", 64, this);
        this.mmStruct = new SlabCache("mm_struct", 1024, this, true);
        this.filp = new SlabCache("filp", 256, this, true);
        this.inode = new SlabCache("shmem_inode_cache", 768, this, true);
    }

    int slabBytes() {
        return slabBytes;
    }

    long newSlab() {
        long s = nextSlab;
        nextSlab += slabBytes;
        return s;
    }

    /** A slab page from the range of the §2.10 objects. */
    long newObjectSlab() {
        long s = nextObjectSlab;
        nextObjectSlab += slabBytes;
        return s;
    }
}
