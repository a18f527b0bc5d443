/**
 * The bundled x86 machine profiles: one provider class per {@code NAME.txtpb} resource of this
 * package (docs/profiles.md).
 */
package org.ptreplay.arch.x86.profiles;
