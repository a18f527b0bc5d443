/**
 * mm/mprotect.c: the mprotect syscall and {@code change_protection}.
 */
package org.ptreplay.core.linux.mprotect;
