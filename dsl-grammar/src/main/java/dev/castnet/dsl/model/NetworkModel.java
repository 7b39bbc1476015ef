package dev.castnet.dsl.model;

import java.util.List;

/**
 * One {@code network} block of a spec: its concrete variants (one per combination of searched structural
 * params, in search order; exactly one otherwise). The first variant uses the params' declared defaults
 * when they are among the searched values.
 */
public record NetworkModel(String name, String packageName, String specFile, List<Network> variants, SourcePos pos) {
    public NetworkModel {
        variants = List.copyOf(variants);
    }

    public boolean hasVariants() {
        return variants.size() > 1;
    }
}
