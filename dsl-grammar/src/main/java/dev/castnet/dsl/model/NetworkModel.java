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

    /** The simple name of the factory class generated over the variants when there are several. */
    public String factoryClassName() {
        return name + "Variants";
    }

    /**
     * The simple names of every class generated for this network: each variant's with its int8 class, then the
     * factory's if any.
     */
    public List<String> generatedClassNames() {
        List<String> names = new java.util.ArrayList<>();
        for (Network n : variants) {
            names.add(n.className());
            names.add(n.int8ClassName());
        }
        if (hasVariants()) names.add(factoryClassName());
        return List.copyOf(names);
    }
}
