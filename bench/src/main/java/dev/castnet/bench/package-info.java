/**
 * Benchmarks. {@code fashion_mlp.nn}, {@code fashion_seq.nn} and {@code digits_mlp.nn} are compiled by the castnet
 * processor exactly as in a user's project.
 */
@NetworkSpec({"fashion_mlp.nn", "fashion_seq.nn", "digits_mlp.nn"})
package dev.castnet.bench;

import dev.castnet.annotations.NetworkSpec;
