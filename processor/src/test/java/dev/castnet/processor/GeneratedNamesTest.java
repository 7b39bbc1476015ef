package dev.castnet.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castnet.dsl.SpecLoader;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.processor.generator.GenerationOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator checks the names of the generated classes for clashes before anything is generated; these must
 * be the names the generator really gives them.
 */
class GeneratedNamesTest {
    @Test
    void theValidatorKnowsEveryClassTheGeneratorWrites() {
        SpecResult r = SpecLoader.parse("names.nn", String.join("\n",
                "package com.example.nets;",
                "network N {",
                "  param h = 2",
                "  param act = relu",
                "  input 4",
                "  dense h",
                "  activation act",
                "  dense 3",
                "  softmax",
                "  loss cross_entropy",
                "  optimizer sgd",
                "  search grid { h choice(2, 4); act choice(relu, tanh) }",
                "}",
                "network Single {",
                "  input 4",
                "  dense 3",
                "  softmax",
                "  loss cross_entropy",
                "  optimizer sgd",
                "}"));
        assertEquals(List.of(), r.diagnostics());
        for (NetworkModel m : r.networks()) {
            List<String> written = CodeGenerator.generate(m, GenerationOptions.spec()).stream()
                    .map(s -> s.qualifiedName().substring(s.qualifiedName().lastIndexOf('.') + 1)).toList();
            assertEquals(written, m.generatedClassNames(), m.name());
        }
        assertEquals(9, r.networks().get(0).generatedClassNames().size(), "four variants, their int8 classes and the factory");
    }
}
