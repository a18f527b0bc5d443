/**
 * lib/maple_tree.c as the VMA tree uses it: which node lines a walk or a store touches
 * (docs/kernel-model.md §2.8).
 */
package org.ptreplay.core.linux.maple_tree;
