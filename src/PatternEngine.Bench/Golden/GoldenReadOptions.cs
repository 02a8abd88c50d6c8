namespace PatternEngine.Bench.Golden;

/// <summary>How a golden file is read.</summary>
public sealed record GoldenReadOptions
{
    /// <summary>Skip malformed lines, reporting each in <see cref="GoldenSet.Errors"/>.</summary>
    public static GoldenReadOptions Default { get; } = new();

    /// <summary>What a malformed line does to the whole file.</summary>
    public MalformedLineHandling MalformedLines { get; init; } = MalformedLineHandling.Skip;
}

/// <summary>What a malformed golden line does: it is never silently dropped.</summary>
public enum MalformedLineHandling
{
    /// <summary>The line is left out and reported in <see cref="GoldenSet.Errors"/>.</summary>
    Skip,

    /// <summary>Reading fails with a <see cref="GoldenFileException"/> that lists every malformed line.</summary>
    Fail,
}
