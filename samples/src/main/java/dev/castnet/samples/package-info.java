/**
 * Networks built the way a user's project builds them: {@code .nn} files from {@code src/main/nn} (found through
 * {@code -Acastnet.specdir}) and annotated interfaces, both turned into classes by the castnet processor.
 */
@NetworkSpec({"xor.nn", "digits.nn", "fashion.nn"})
package dev.castnet.samples;

import dev.castnet.annotations.NetworkSpec;
