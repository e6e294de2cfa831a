package com.example;

/** A class a user might name by mistake: it implements no Descent interface. */
public final class NotAnOptimizer {}
