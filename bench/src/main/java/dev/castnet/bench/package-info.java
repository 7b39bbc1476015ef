/**
 * Benchmarks. {@code fashion_mlp.nn} and {@code fashion_seq.nn} are compiled by the castnet processor exactly as in
 * a user's project.
 */
@NetworkSpec({"fashion_mlp.nn", "fashion_seq.nn"})
package dev.castnet.bench;

import dev.castnet.annotations.NetworkSpec;
