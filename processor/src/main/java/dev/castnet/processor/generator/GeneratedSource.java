package dev.castnet.processor.generator;

/** One generated compilation unit: the qualified name of its top-level class and its text. */
public record GeneratedSource(String qualifiedName, String source) {}
