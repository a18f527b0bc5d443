package org.ptreplay.core.state;

/** Where the syscalls report a result that differs from the recorded one. */
public interface Divergences {
    void report(String what, long recorded, long model);
}
