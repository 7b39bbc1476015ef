/*
 * The .nn language (SPEC §2). Deliberately permissive: every statement is
 * `NAME [index] (value | key=value)* [{ ... }]`, so that unknown words, unknown
 * keys and misplaced statements are reported by the validator, which can say
 * what would be right ("unknown layer 'dens'; did you mean 'dense'?").
 * Statements end at a newline, a ';' or a closing brace.
 */
grammar CastnetNN;

file
    : sep* (header sep*)? (packageDecl sep*)? (network sep*)* EOF
    ;

header
    : CASTNET number
    ;

packageDecl
    : PACKAGE qualifiedName
    ;

qualifiedName
    : name (DOT name)*
    ;

// The three keywords only matter at the top of a file; elsewhere they are ordinary names
// (package dev.castnet.samples).
name
    : IDENT | CASTNET | NETWORK | PACKAGE
    ;

network
    : NETWORK IDENT NL* block
    ;

// Statements are separated, so `relu tanh` is one statement with an argument, never two statements.
block
    : LBRACE sep* (statement (sep+ statement)* sep*)? RBRACE
    ;

statement
    : IDENT index? item* (NL* block)?
    ;

index
    : LBRACK NUMBER RBRACK
    ;

item
    : name ASSIGN value     # optionItem
    | value                 # argItem
    ;

value
    : number DOTDOT number                                                      # rangeValue
    | number                                                                    # numberValue
    | DIMS                                                                      # dimsValue
    | name LPAREN NL* (callItem (NL* COMMA NL* callItem)*)? NL* RPAREN          # callValue
    | name                                                                      # wordValue
    ;

callItem
    : name ASSIGN value     # callOption
    | value                 # callArg
    ;

number
    : (MINUS | PLUS)? NUMBER
    ;

sep
    : NL
    | SEMI
    ;

PACKAGE : 'package' ;
NETWORK : 'network' ;
CASTNET : 'castnet' ;

// 28x28x1 is one token, longer than the number 28 it starts with.
DIMS    : DIGITS ([xX] DIGITS)+ ;
NUMBER  : DIGITS ('.' DIGITS)? EXPONENT?
        | '.' DIGITS EXPONENT?
        ;
IDENT   : [A-Za-z_] [A-Za-z0-9_]* ;

DOTDOT  : '..' ;
DOT     : '.' ;
LBRACE  : '{' ;
RBRACE  : '}' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
ASSIGN  : '=' ;
COMMA   : ',' ;
SEMI    : ';' ;
MINUS   : '-' ;
PLUS    : '+' ;

NL              : '\r'? '\n' | '\r' ;
WS              : [ \t\f]+ -> skip ;
LINE_COMMENT    : '//' ~[\r\n]* -> skip ;
// An unterminated comment runs to the end of the file; the parser front reports it.
BLOCK_COMMENT   : '/*' .*? ('*/' | EOF) -> channel(HIDDEN) ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
