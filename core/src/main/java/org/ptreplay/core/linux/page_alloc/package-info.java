/**
 * mm/page_alloc.c: allocating and freeing folios.
 */
package org.ptreplay.core.linux.page_alloc;
