package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;

/** Every AST node knows where it came from (file, 1-based line and column). */
public sealed interface Node permits SpecFile, NetworkDecl, Statement, Option, Value {
    SourcePos pos();
}
