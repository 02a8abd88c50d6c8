using PatternEngine.Definitions;

namespace PatternEngine.Bench.Statistics;

/// <summary>What the summary says about a benched pattern beyond its runs: which file it was, and what it expects.</summary>
/// <param name="Name">The pattern's name, as its samples carry it.</param>
/// <param name="Version">The pattern's version.</param>
/// <param name="FileHash">SHA-256 of the pattern file's bytes, in lowercase hex.</param>
/// <param name="Expected">The deltas the pattern file's <c>expected</c> states, if any.</param>
public sealed record BenchPatternInfo(string Name, string Version, string FileHash, ExpectedDeltas? Expected = null);
