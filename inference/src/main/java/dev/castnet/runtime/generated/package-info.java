/** Small helpers that generated network classes call; not meant to be used directly. */
package dev.castnet.runtime.generated;
