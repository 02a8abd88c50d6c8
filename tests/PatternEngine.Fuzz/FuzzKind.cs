namespace PatternEngine.Fuzz;

/// <summary>The kinds of file the fuzzer mutates, each read by its own loader.</summary>
internal enum FuzzKind
{
    Pattern,
    Golden,
    Providers,
    Cassette,
}
