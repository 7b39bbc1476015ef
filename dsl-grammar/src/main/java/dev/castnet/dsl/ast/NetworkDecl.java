package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;
import java.util.List;

/** {@code network Name { statements }}; {@code pos} is the position of the name. */
public record NetworkDecl(String name, List<Statement> body, SourcePos pos) implements Node {
    public NetworkDecl {
        body = List.copyOf(body);
    }
}
