package dev.castnet.processor;

import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.NetworkModel;
import java.util.List;

/** Placeholder until castnet-dsl's SpecLoader and Validator land. */
final class Frontend {
    record Result(List<NetworkModel> models, List<Diagnostic> diagnostics) {}

    private Frontend() {}

    static Result parseSpec(String file, String text, String packageName) {
        return new Result(List.of(), List.of());
    }

    static Result validate(InterfaceReader.Read read) {
        return new Result(List.of(), List.of());
    }
}
