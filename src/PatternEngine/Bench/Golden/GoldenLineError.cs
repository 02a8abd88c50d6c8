namespace PatternEngine.Bench.Golden;

/// <summary>A golden line that could not be read.</summary>
/// <param name="File">The golden file.</param>
/// <param name="Line">The line (1-based).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record GoldenLineError(string File, int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}: {Message}";
}
