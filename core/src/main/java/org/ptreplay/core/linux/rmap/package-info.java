/**
 * mm/rmap.c: adding and removing rmaps of folios, with the mapcounts each release keeps.
 */
package org.ptreplay.core.linux.rmap;
