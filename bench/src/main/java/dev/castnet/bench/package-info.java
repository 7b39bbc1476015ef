/**
 * Benchmarks. {@code fashion_mlp.nn} is compiled by the castnet processor exactly as in a user's project.
 */
@NetworkSpec("fashion_mlp.nn")
package dev.castnet.bench;

import dev.castnet.annotations.NetworkSpec;
