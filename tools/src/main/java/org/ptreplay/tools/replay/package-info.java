/**
 * {@code replay} and {@code compare}: planning cells and writing their results (JSON, text, CSV,
 * folded stacks).
 */
package org.ptreplay.tools.replay;
