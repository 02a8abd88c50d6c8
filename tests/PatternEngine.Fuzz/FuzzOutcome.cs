namespace PatternEngine.Fuzz;

/// <summary>What one input did.</summary>
internal enum FuzzResult
{
    /// <summary>Loaded (and, for patterns and cassettes, run) without a problem.</summary>
    Accepted,

    /// <summary>Refused with one of the documented, located exceptions.</summary>
    Refused,

    /// <summary>An exception the loader does not document escaped, or a run failed on what a model answered.</summary>
    Crashed,

    /// <summary>Did not finish within the time allowed.</summary>
    Hung,
}

/// <summary>The result of one input, how long it took and what it allocated, and for a crash the exception.</summary>
internal sealed record FuzzOutcome(FuzzInput Input, FuzzResult Result, TimeSpan Took, long AllocatedBytes, string? Detail = null)
{
    public override string ToString() =>
        $"{Input.Index} {Input.Kind} {Result} {Took.TotalMilliseconds:F0}ms {AllocatedBytes / 1024}KB {Input.Origin} [{Input.Mutations}]" + (Detail is null ? "" : " " + Detail.ReplaceLineEndings(" "));
}
