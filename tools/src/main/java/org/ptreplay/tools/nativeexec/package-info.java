/**
 * Executing a trace's events on this machine's kernel with the native probe, to compare with the
 * model.
 */
package org.ptreplay.tools.nativeexec;
