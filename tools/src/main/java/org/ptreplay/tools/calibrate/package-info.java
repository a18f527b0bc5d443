/**
 * {@code calibrate}: measuring this machine's primitives with the native probe and writing a
 * calibrated profile.
 */
package org.ptreplay.tools.calibrate;
