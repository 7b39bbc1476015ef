package dev.castnet.dsl;

import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.NetworkModel;
import java.util.List;

/**
 * What loading a spec gives: every diagnostic (syntax and validation, in source order per pass) and the
 * networks that validated without errors.
 */
public record SpecResult(String file, List<Diagnostic> diagnostics, List<NetworkModel> networks) {
    public SpecResult {
        diagnostics = List.copyOf(diagnostics);
        networks = List.copyOf(networks);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** The network model of that name, or null. */
    public NetworkModel network(String name) {
        for (NetworkModel m : networks) {
            if (m.name().equals(name)) return m;
        }
        return null;
    }
}
